import Foundation
import Logging

/// swift-log handler writing legacy-format lines to a ``RotatingLogFile``.
///
/// ```swift
/// let file = try RotatingLogFile(path: root.appendingPathComponent("metadata/logs/batch_checker.log"))
/// let redactor = SecretRedactor(secrets: [apiKey])
/// LoggingSystem.bootstrap { _ in RotatingFileLogHandler(file: file, redactor: redactor) }
/// Logger(label: "checker").info("Batch checker started")
/// // [2026-02-08 09:30:00] [INFO] Batch checker started
/// ```
public struct RotatingFileLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public let file: RotatingLogFile
    private let formatter: LogLineFormatter

    /// Several handlers (one per logger label) can share one file.
    public init(file: RotatingLogFile, redactor: SecretRedactor = SecretRedactor(), logLevel: Logger.Level = .info,
                metadataProvider: Logger.MetadataProvider? = nil) {
        self.file = file
        self.formatter = LogLineFormatter(redactor: redactor)
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
    }

    /// Opens its own file; prefer sharing one ``RotatingLogFile`` when bootstrapping many labels.
    public init(path: URL, maxBytes: Int = 10 * 1024 * 1024, backupCount: Int = 10,
                redactor: SecretRedactor = SecretRedactor(), logLevel: Logger.Level = .info) throws {
        self.init(file: try RotatingLogFile(path: path, maxBytes: maxBytes, backupCount: backupCount),
                  redactor: redactor, logLevel: logLevel)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        file.append(line: formatter.line(for: event, handlerMetadata: metadata, provider: metadataProvider))
    }
}
