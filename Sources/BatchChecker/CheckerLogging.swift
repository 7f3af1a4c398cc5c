import Foundation
import FileLogging
import Logging
import PFCConfig

/// The check run's logger: the legacy rotating log file (10 MB x 10), plus the console with `--verbose`.
/// The API key is redacted from every line as a last line of defence.
///
/// ```swift
/// let logger = try CheckerLogging.makeLogger(paths: config.paths, verbose: true, secrets: [key])
/// ```
public enum CheckerLogging {
    public static func makeLogger(paths: RootLayout, verbose: Bool, secrets: [String], debug: Bool = false,
                                  maxBytes: Int = 10 * 1024 * 1024, backupCount: Int = 10) throws -> Logger {
        let file = try RotatingLogFile(path: paths.logFile, maxBytes: maxBytes, backupCount: backupCount)
        let redactor = SecretRedactor(secrets: secrets)
        let level: Logger.Level = debug ? .debug : .info
        return Logger(label: "pfc-jobs.check") { _ in
            var handlers: [any LogHandler] = [RotatingFileLogHandler(file: file, redactor: redactor, logLevel: level)]
            if verbose { handlers.append(ConsoleLogHandler(redactor: redactor, logLevel: level)) }
            return handlers.count == 1 ? handlers[0] : MultiplexLogHandler(handlers)
        }
    }
}
