import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on a lock file, taken with a bound: a process that holds the lock and never lets
/// go (hung, stopped, or hostile) makes the caller give up after `timeout` instead of waiting forever.
/// The lock file is opened without following a symbolic link and must be a regular file.
///
/// ```swift
/// let lock = try FileLock(path: tracking.path + ".lock", timeout: 10)
/// defer { lock.unlock() }
/// ```
public final class FileLock {
    public let path: String
    private let descriptor: Int32
    private var held = true

    /// Polls for the lock every few milliseconds until `timeout` seconds have passed.
    /// - Throws: an ``AtomicFileError`` with code `EWOULDBLOCK` when another process still held the lock
    ///   at the bound; others for a lock file that cannot be opened (naming it).
    public init(path: String, timeout: TimeInterval) throws(AtomicFileError) {
        self.path = path
        let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ReadOnlyFile.openError(path: path, code: errno) }
        var info = stat()
        if fstat(descriptor, &info) != 0 || info.st_mode & S_IFMT != S_IFREG {
            Glibc.close(descriptor)
            throw .notRegularFile(path: path, kind: AtomicFileError.kind(of: info.st_mode))
        }
        let deadline = Date().addingTimeInterval(max(0, timeout))
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code == EINTR { continue }
            guard code == EWOULDBLOCK else {
                Glibc.close(descriptor)
                throw .system(path: path, operation: "lock", code: code)
            }
            guard Date() < deadline else {
                Glibc.close(descriptor)
                throw AtomicFileError(path: path, operation: "lock", code: EWOULDBLOCK,
                                      detail: "another process has held this lock for more than \(Self.seconds(timeout)); gave up waiting")
            }
            usleep(10_000)
        }
        self.descriptor = descriptor
    }

    deinit { unlock() }

    public func unlock() {
        guard held else { return }
        held = false
        flock(descriptor, LOCK_UN)
        Glibc.close(descriptor)
    }

    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}
