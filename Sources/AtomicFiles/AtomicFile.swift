import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces files so that a reader sees either the old or the new content, never a mix, and a
/// crash leaves no half-written file under the real name.
///
/// The bytes go to a temporary file in the same folder (same file system, so `rename(2)` is
/// atomic), are flushed with `fsync`, renamed over the target, and the folder is synced so the
/// rename itself survives a power cut.
///
/// ```swift
/// try AtomicFile.write(Array("{}".utf8), to: trackingFile)               // keeps the old file's mode
/// try AtomicFile.write(pngBytes, to: imageFile, mode: 0o644, replacing: false) // never overwrite
/// ```
public enum AtomicFile {
    /// The prefix of temporary files, so a later run can recognise and remove leftovers of a crash.
    public static let temporaryPrefix = ".pfc-tmp-"

    /// Writes `bytes` to `url` atomically.
    /// - Parameters:
    ///   - mode: permissions of a new file; an existing file keeps its own mode.
    ///   - replacing: when `false`, fails with `EEXIST` instead of replacing an existing file.
    public static func write<Bytes: Collection<UInt8>>(_ bytes: Bytes, to url: URL, mode: mode_t = 0o644,
                                                     replacing: Bool = true) throws(AtomicFileError) {
        let temporary = try writeTemporary(bytes, besides: url, mode: existingMode(of: url) ?? mode)
        do {
            try commit(temporary: temporary, to: url, replacing: replacing)
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// Writes the bytes to a new temporary file next to `url` and syncs it; the caller commits it.
    public static func writeTemporary<Bytes: Collection<UInt8>>(_ bytes: Bytes, besides url: URL,
                                                                mode: mode_t) throws(AtomicFileError) -> URL {
        let folder = url.deletingLastPathComponent()
        // The writer's pid in the name lets a later run tell a crashed writer's leftover from a live one's.
        let temporary = folder.appendingPathComponent(
            "\(temporaryPrefix)\(getpid())-\(UUID().uuidString.prefix(8))-\(url.lastPathComponent)")
        // O_EXCL already refuses an existing name, a symbolic link included; O_NOFOLLOW says so twice.
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .system(path: temporary.path, operation: "create", code: errno) }
        var failure: AtomicFileError?
        let written: Bool = bytes.withContiguousStorageIfAvailable { buffer in
            writeAll(descriptor, buffer)
        } ?? Array(bytes).withUnsafeBufferPointer { writeAll(descriptor, $0) }
        if !written { failure = .system(path: temporary.path, operation: "write", code: errno) }
        // The umask may have narrowed the mode; the file should carry exactly what was asked.
        if failure == nil, fchmod(descriptor, mode) != 0 { failure = .system(path: temporary.path, operation: "chmod", code: errno) }
        if failure == nil, fsync(descriptor) != 0 { failure = .system(path: temporary.path, operation: "fsync", code: errno) }
        close(descriptor)
        if let failure {
            unlink(temporary.path)
            throw failure
        }
        return temporary
    }

    /// Moves a synced temporary file over `url` (or, with `replacing: false`, links it only if
    /// nothing is there yet) and syncs the folder.
    public static func commit(temporary: URL, to url: URL, replacing: Bool = true) throws(AtomicFileError) {
        if replacing {
            guard rename(temporary.path, url.path) == 0 else { throw .system(path: url.path, operation: "rename", code: errno) }
        } else {
            // link(2) fails with EEXIST rather than replacing, atomically.
            guard link(temporary.path, url.path) == 0 else {
                let code = errno
                unlink(temporary.path)
                throw .system(path: url.path, operation: "link", code: code)
            }
            unlink(temporary.path)
        }
        syncFolder(of: url)
    }

    /// Creates a folder and its parents with `mode` (existing folders are left as they are).
    public static func createFolder(_ url: URL, mode: mode_t = 0o755) throws(AtomicFileError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            if isFolder.boolValue { return }
            throw .system(path: url.path, operation: "mkdir", code: EEXIST)
        }
        try createFolder(url.deletingLastPathComponent(), mode: mode)
        if mkdir(url.path, mode) != 0, errno != EEXIST { throw .system(path: url.path, operation: "mkdir", code: errno) }
        chmod(url.path, mode)
    }

    /// Removes temporary files that a crashed writer left in `folder`; returns how many.
    /// A file goes when the process that wrote it is gone, or (whatever its writer) when it is older
    /// than `minimumAge` seconds; a live writer's young file stays.
    @discardableResult
    public static func removeLeftovers(in folder: URL, minimumAge: TimeInterval = .infinity, now: Date = Date()) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(temporaryPrefix) {
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let age = now.timeIntervalSince1970 - Double(info.st_mtim.tv_sec)
            if age >= minimumAge || writerIsGone(temporaryName: name), unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// True when the pid in a temporary file's name names no running process.
    public static func writerIsGone(temporaryName name: String) -> Bool {
        let rest = name.dropFirst(temporaryPrefix.count)
        guard let dash = rest.firstIndex(of: "-"), let pid = pid_t(rest[..<dash]), pid > 0 else { return false }
        if pid == getpid() { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// The mode of what is at `url`; a symbolic link is not followed (its target's mode is not copied).
    static func existingMode(of url: URL) -> mode_t? {
        var info = stat()
        guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT != S_IFLNK else { return nil }
        return info.st_mode & 0o7777
    }

    static func syncFolder(of url: URL) {
        let descriptor = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    private static func writeAll(_ descriptor: Int32, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard var pointer = buffer.baseAddress else { return true }
        var remaining = buffer.count
        while remaining > 0 {
            let count = Glibc.write(descriptor, pointer, remaining)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            pointer += count
            remaining -= count
        }
        return true
    }
}
