import Foundation
import Logging

/// Formats log lines in the legacy checker's format: `[YYYY-MM-DD HH:MM:SS] [LEVEL] message`,
/// local time, then any metadata as ` key=value` pairs sorted by key.
///
/// ```swift
/// let formatter = LogLineFormatter(redactor: SecretRedactor(secrets: [apiKey]))
/// formatter.line(level: .info, message: "Batch check complete", metadata: ["jobs": "3"])
/// // "[2026-02-08 09:30:15] [INFO] Batch check complete jobs=3"
/// ```
public struct LogLineFormatter: Sendable {
    public var redactor: SecretRedactor

    public init(redactor: SecretRedactor = SecretRedactor()) {
        self.redactor = redactor
    }

    /// The legacy level names: Python's logging had no TRACE, NOTICE or CRITICAL in these files.
    public static func levelName(_ level: Logger.Level) -> String {
        switch level {
        case .trace, .debug: "DEBUG"
        case .info, .notice: "INFO"
        case .warning: "WARNING"
        case .error, .critical: "ERROR"
        }
    }

    /// One line without the trailing newline. Line breaks inside the message or metadata are
    /// written as `\n` so every entry stays on one line (grep, tail and the rotation checks rely on it);
    /// every other control character (ESC, BEL, CR, DEL, C1) is escaped too (``ControlCharacters``), so
    /// text quoted from an API answer or an item key cannot forge a line or drive the terminal of
    /// someone running `tail -f`.
    public func line(level: Logger.Level, message: String, metadata: Logger.Metadata = [:], date: Date = Date()) -> String {
        var text = "[\(Self.timestamp(date))] [\(Self.levelName(level))] \(message)"
        for key in metadata.keys.sorted() {
            text += " \(key)=\(metadata[key]!)"
        }
        let redacted = redactor.redact(text.replacingOccurrences(of: "\r\n", with: "\n"))
        return ControlCharacters.escaped(redacted)
    }

    /// The line for a swift-log event, merging handler, provider and event metadata (later wins).
    func line(for event: LogEvent, handlerMetadata: Logger.Metadata, provider: Logger.MetadataProvider?) -> String {
        var merged = handlerMetadata
        if let provided = provider?.get() { merged.merge(provided) { _, new in new } }
        if let metadata = event.metadata { merged.merge(metadata) { _, new in new } }
        if let error = event.error { merged["error"] = "\(error)" }
        return line(level: event.level, message: event.message.description, metadata: merged)
    }

    /// Local time, second precision, as the Python logging formatter wrote it.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
