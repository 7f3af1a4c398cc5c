import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A log file shared safely by several threads and several processes (overlapping cron runs),
/// rotated to `.1` ... `.<backupCount>` when it would grow past `maxBytes`.
///
/// Each line is one `write(2)` on an `O_APPEND` descriptor, so lines from different processes
/// never interleave. Every append (size check, optional rotation, write) holds an exclusive
/// `flock` on the sidecar `<path>.lock`, so no process writes into a file while it is being
/// renamed away and no file grows past `maxBytes` (unless a single line is longer).
/// Before each write the process checks that its descriptor still is the file at `path`
/// (another process may have rotated it) and reopens if not.
///
/// The log and its lock file are opened with `O_NOFOLLOW`: a symbolic link planted at either name
/// (under root's cron it could point at any file) is refused with an error naming it, never appended to.
///
/// ```swift
/// let file = try RotatingLogFile(path: logs.appendingPathComponent("batch_checker.log"))
/// file.append(line: "[2026-02-08 09:30:00] [INFO] Batch checker started")
/// ```
// @unchecked Sendable: the mutable descriptors are only read or changed while holding `lock`.
public final class RotatingLogFile: @unchecked Sendable {
    public let path: String
    public let maxBytes: Int
    public let backupCount: Int

    private let lock = NSLock()
    private var descriptor: Int32 = -1
    private var lockDescriptor: Int32 = -1

    /// Creates the folder (mode 0700) and opens or creates the file (mode 0600).
    /// - Parameters:
    ///   - maxBytes: rotate before a write would take the file past this size (10 MB default).
    ///   - backupCount: rotated files kept (`.1` newest ... `.10` oldest by default).
    public init(path: URL, maxBytes: Int = 10 * 1024 * 1024, backupCount: Int = 10) throws {
        self.path = path.path
        self.maxBytes = max(1, maxBytes)
        self.backupCount = max(0, backupCount)
        try Self.createFolder(path.deletingLastPathComponent().path)
        lockDescriptor = open(self.path + ".lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard lockDescriptor >= 0 else { throw Self.openFailure(path: self.path + ".lock", what: "cannot open the log's lock file") }
        if let problem = Self.notRegularFile(lockDescriptor, path: self.path + ".lock") {
            close(lockDescriptor)
            lockDescriptor = -1
            throw problem
        }
        try lock.withLock { try reopen() }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if lockDescriptor >= 0 { close(lockDescriptor) }
    }

    /// Appends `line` plus a newline. Never throws: a logger must not take the program down,
    /// so a failed write goes to stderr instead.
    public func append(line: String) {
        var bytes = Array(line.utf8)
        bytes.append(0x0A)
        lock.withLock {
            do {
                try appendLocked(bytes)
            } catch {
                let fallback = "log file \(path) unavailable (\(error)); line: \(line)\n"
                _ = fallback.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
            }
        }
    }

    private func appendLocked(_ bytes: [UInt8]) throws {
        // Exclusive even for a plain append: the size check and the write must be one step,
        // or two processes could both see room for their line and overshoot maxBytes.
        flockRetrying(LOCK_EX)
        defer { flock(lockDescriptor, LOCK_UN) }
        try reopenIfReplaced()
        if try needsRotation(adding: bytes.count) { try rotate() }
        try writeAll(bytes)
    }

    private func needsRotation(adding count: Int) throws -> Bool {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileLoggingError(path: path, reason: Self.errnoText()) }
        // An empty file always takes the line, even one longer than maxBytes.
        return status.st_size > 0 && Int(status.st_size) + count > maxBytes
    }

    private func reopenIfReplaced() throws {
        var onDisk = stat(), open = stat()
        let exists = lstat(path, &onDisk) == 0
        guard descriptor >= 0, fstat(descriptor, &open) == 0, exists,
              onDisk.st_ino == open.st_ino, onDisk.st_dev == open.st_dev else {
            try reopen()
            return
        }
    }

    private func reopen() throws {
        if descriptor >= 0 { close(descriptor) }
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.openFailure(path: path, what: "cannot open log file") }
        if let problem = Self.notRegularFile(descriptor, path: path) {
            close(descriptor)
            descriptor = -1
            throw problem
        }
        // The umask may have widened or narrowed the mode; the log can hold job details.
        _ = fchmod(descriptor, 0o600)
    }

    /// `path.N-1` -> `path.N` ... `path` -> `path.1`; renaming onto the oldest drops it.
    private func rotate() throws {
        if backupCount == 0 {
            unlink(path)
        } else {
            for index in stride(from: backupCount - 1, through: 1, by: -1) {
                rename("\(path).\(index)", "\(path).\(index + 1)")
            }
            guard rename(path, "\(path).1") == 0 else { throw FileLoggingError(path: path, reason: "rotation failed: \(Self.errnoText())") }
        }
        try reopen()
    }

    private func writeAll(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FileLoggingError(path: path, reason: "write failed: \(Self.errnoText())")
                }
                offset += written
            }
        }
    }

    private func flockRetrying(_ operation: Int32) {
        while flock(lockDescriptor, operation) != 0 && errno == EINTR {}
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    /// The error for a failed open; `ELOOP` under `O_NOFOLLOW` is a symbolic link at the name.
    private static func openFailure(path: String, what: String) -> FileLoggingError {
        let code = errno
        var info = stat()
        if code == ELOOP, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            return FileLoggingError(path: path, reason: "is a symbolic link; pfc-jobs does not follow a link here "
                                        + "(remove it, and the log is created again)")
        }
        if lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            return FileLoggingError(path: path, reason: "is not a regular file; remove it, and the log is created again")
        }
        return FileLoggingError(path: path, reason: "\(what): \(String(cString: strerror(code)))")
    }

    /// A FIFO or device at the log's name is refused (a FIFO would stall every write).
    private static func notRegularFile(_ descriptor: Int32, path: String) -> FileLoggingError? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return FileLoggingError(path: path, reason: "is not a regular file; remove it, and the log is created again")
        }
        return nil
    }

    /// Creates the folder and any missing parents (mode 0700), with the system's reason on failure.
    private static func createFolder(_ path: String) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { return }
            throw FileLoggingError(path: path, reason: "cannot create the log folder: something that is not a folder has the name")
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try createFolder(parent) }
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            throw FileLoggingError(path: path, reason: "cannot create the log folder: \(errnoText())")
        }
    }
}
