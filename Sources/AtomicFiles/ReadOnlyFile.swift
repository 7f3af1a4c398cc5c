import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file opened for reading the safe way for a folder that other people and programs can write to:
/// a final symbolic link is never followed (`O_NOFOLLOW`), the open never blocks (`O_NONBLOCK`: a FIFO
/// planted at the name would otherwise wait for a writer forever), and anything but a regular file is
/// refused with a message naming it. The descriptor stays open, so the caller can tell afterwards whether
/// the file it read was changed or replaced.
///
/// ```swift
/// guard let file = try ReadOnlyFile(path: tracking.path) else { return [] }   // nil: no file
/// let bytes = try file.readAll()
/// if file.changedSinceOpened() { /* someone wrote to it meanwhile */ }
/// ```
public final class ReadOnlyFile {
    public let path: String
    public let descriptor: Int32
    /// The file's status when it was opened.
    public let opened: stat
    private var isOpen = true

    /// Opens `path`; nil when there is no file. Throws for a symbolic link, a non-regular file, or any
    /// other failure, naming the path and the reason.
    public init?(path: String) throws(AtomicFileError) {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT { return nil }
            throw Self.openError(path: path, code: code)
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw .system(path: path, operation: "stat", code: code)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            Glibc.close(descriptor)
            throw .notRegularFile(path: path, kind: AtomicFileError.kind(of: info.st_mode))
        }
        self.path = path
        self.descriptor = descriptor
        self.opened = info
    }

    deinit { close() }

    /// The error for a failed `open`: `ELOOP` under `O_NOFOLLOW` means the name is a symbolic link.
    static func openError(path: String, code: Int32) -> AtomicFileError {
        var info = stat()
        if code == ELOOP, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { return .symbolicLink(path: path) }
        return .system(path: path, operation: "open", code: code)
    }

    /// Permission bits of the file as opened.
    public var mode: mode_t { opened.st_mode & 0o7777 }

    /// The whole content, read from the start (whatever was read before).
    public func readAll() throws(AtomicFileError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(max(0, opened.st_size)))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(path: path, operation: "read", code: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            offset += off_t(count)
        }
    }

    /// The file's status now (size, times), through the open descriptor.
    public func currentStatus() -> stat {
        var now = stat()
        fstat(descriptor, &now)
        return now
    }

    /// True when the open file's size, modification or change time moved since it was opened: someone
    /// truncated or wrote it (a rename over the name does not change this file; see ``isStill(at:)``).
    public func changedSinceOpened() -> Bool {
        let now = currentStatus()
        return now.st_size != opened.st_size
            || now.st_mtim.tv_sec != opened.st_mtim.tv_sec || now.st_mtim.tv_nsec != opened.st_mtim.tv_nsec
            || now.st_ctim.tv_sec != opened.st_ctim.tv_sec || now.st_ctim.tv_nsec != opened.st_ctim.tv_nsec
    }

    /// True when `path` still names this file (nobody renamed another file over it); links are not followed.
    public func isStill(at path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return info.st_ino == opened.st_ino && info.st_dev == opened.st_dev
    }

    public func close() {
        guard isOpen else { return }
        isOpen = false
        Glibc.close(descriptor)
    }
}
