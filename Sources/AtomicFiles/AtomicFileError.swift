#if canImport(Glibc)
import Glibc
#endif

/// A failed file operation, with the path and the system's reason (`ENOSPC` shows as "No space left on device").
public struct AtomicFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let operation: String
    public let code: Int32

    public static func system(path: String, operation: String, code: Int32) -> AtomicFileError {
        AtomicFileError(path: path, operation: operation, code: code)
    }

    public var description: String { "\(path): \(operation) failed: \(String(cString: strerror(code)))" }
}
