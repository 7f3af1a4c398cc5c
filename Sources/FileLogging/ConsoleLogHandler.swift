import Foundation
import Logging

/// swift-log handler for `--verbose`: the same line format as the log file, on stderr.
///
/// ```swift
/// LoggingSystem.bootstrap { label in
///     MultiplexLogHandler([RotatingFileLogHandler(file: file, redactor: redactor),
///                          ConsoleLogHandler(redactor: redactor, logLevel: .debug)])
/// }
/// ```
public struct ConsoleLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let formatter: LogLineFormatter
    private let descriptor: Int32

    /// - Parameter descriptor: where lines go; stderr unless a test redirects it.
    public init(redactor: SecretRedactor = SecretRedactor(), logLevel: Logger.Level = .info,
                descriptor: Int32 = STDERR_FILENO) {
        self.formatter = LogLineFormatter(redactor: redactor)
        self.logLevel = logLevel
        self.descriptor = descriptor
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let line = formatter.line(for: event, handlerMetadata: metadata, provider: metadataProvider) + "\n"
        // One write per line so concurrent threads never interleave within a line.
        var bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBufferPointer { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
