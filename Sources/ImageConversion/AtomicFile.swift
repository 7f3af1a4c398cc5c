import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Crash-safe file replacement: readers see the old file or the complete new one, never a part.
///
/// The bytes go to a temporary file in the destination's folder (same file system, so the
/// rename is atomic), are fsync'ed, renamed over the destination, and the folder is fsync'ed so
/// the rename itself survives a power cut.
///
/// ```swift
/// try AtomicFile.write(webp, to: folder.appendingPathComponent("cat.webp"))
/// try AtomicFile.write(secrets, to: envFile, mode: 0o600)
/// ```
public enum AtomicFile {
    /// Temporary files are named `.<destination name>.<pid>.<random>.tmp`.
    public static let temporarySuffix = ".tmp"

    public static func write(_ data: Data, to destination: URL, mode: mode_t = 0o644) throws {
        let path = destination.path
        let folder = destination.deletingLastPathComponent().path
        let temporary = folder + "/." + destination.lastPathComponent + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max))" + temporarySuffix

        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw ioError(path, "cannot create temporary file in \(folder)") }
        var keepTemporary = false
        defer { if !keepTemporary { unlink(temporary) } }
        do {
            defer { close(descriptor) }
            // The umask may have narrowed `mode`; the caller asked for exactly this mode.
            guard fchmod(descriptor, mode) == 0 else { throw ioError(path, "cannot set mode") }
            try data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw ioError(path, "write failed")
                    }
                    offset += written
                }
            }
            guard fsync(descriptor) == 0 else { throw ioError(path, "fsync failed") }
        }
        guard rename(temporary, path) == 0 else { throw ioError(path, "rename into place failed") }
        keepTemporary = true
        try syncFolder(folder)
    }

    /// Removes temporary files left in `folder` by writers that died (their pid no longer exists),
    /// e.g. a run killed with SIGKILL between write and rename. Returns the removed paths.
    @discardableResult
    public static func removeOrphanedTemporaries(in folder: URL) -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [URL] = []
        for name in names where name.hasPrefix(".") && name.hasSuffix(temporarySuffix) {
            let parts = name.dropLast(temporarySuffix.count).split(separator: ".")
            guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]) else { continue }
            // kill(pid, 0) probes without signalling: ESRCH means the writer is gone.
            if kill(pid, 0) == 0 || errno != ESRCH { continue }
            let url = folder.appendingPathComponent(name)
            if unlink(url.path) == 0 { removed.append(url) }
        }
        return removed
    }

    static func syncFolder(_ folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ioError(folder, "cannot open folder to fsync it") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw ioError(folder, "fsync of folder failed") }
    }

    private static func ioError(_ path: String, _ what: String) -> ImageError {
        let code = errno
        return .io(path: path, reason: "\(what): \(String(cString: strerror(code)))")
    }
}
