#if canImport(Glibc)
import Glibc
#endif

/// A failed file operation, with the path and the system's reason (`ENOSPC` shows as "No space left on device").
///
/// Where the system's text would mislead, a `detail` says what happened instead: a refused symbolic link
/// reads "is a symbolic link", not "Too many levels of symbolic links".
///
/// ```swift
/// do { _ = try ReadOnlyFile(path: log) } catch { print(error) }   // "/root/x.log: is a symbolic link; ..."
/// ```
public struct AtomicFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let operation: String
    /// The errno value; callers test it (`EEXIST`: the name is taken, `ELOOP`: a symbolic link was refused).
    public let code: Int32
    /// Replaces the system's text in the description when set.
    public let detail: String?

    public init(path: String, operation: String, code: Int32, detail: String? = nil) {
        self.path = path
        self.operation = operation
        self.code = code
        self.detail = detail
    }

    public static func system(path: String, operation: String, code: Int32) -> AtomicFileError {
        AtomicFileError(path: path, operation: operation, code: code)
    }

    /// A symbolic link where pfc-jobs opens or writes a file: it is never followed, so a link planted in a
    /// shared folder cannot make pfc-jobs read or write another file.
    public static func symbolicLink(path: String) -> AtomicFileError {
        AtomicFileError(path: path, operation: "open", code: ELOOP,
                        detail: "is a symbolic link; pfc-jobs does not follow a link here (put the file itself there)")
    }

    /// A FIFO, device, socket or folder where a regular file belongs.
    public static func notRegularFile(path: String, kind: String) -> AtomicFileError {
        AtomicFileError(path: path, operation: "open", code: EINVAL, detail: "is \(kind), not a regular file; it was left alone")
    }

    /// Another file (one pfc-jobs did not write) already has the name; it was not replaced.
    public static func occupied(path: String) -> AtomicFileError {
        AtomicFileError(path: path, operation: "create", code: EEXIST,
                        detail: "another file is already there (not one pfc-jobs wrote); it was left as it is")
    }

    public var description: String {
        if let detail { return "\(path): \(detail)" }
        return "\(path): \(operation) failed: \(String(cString: strerror(code)))"
    }

    /// What kind of file a `st_mode` describes, for messages ("a FIFO", "a folder").
    public static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a folder"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFLNK: "a symbolic link"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        default: "a special file"
        }
    }
}
