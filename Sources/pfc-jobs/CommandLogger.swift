import BatchChecker
import Logging
import PFCConfig

/// The checker's log for the commands that write it (`check`, `mcp`): the key redacted from every line, and
/// a log that cannot be opened is the command's failure (exit 1), said with what failed.
enum CommandLogger {
    static func open(config: Config, key: String?, console: Bool) throws -> Logger {
        do {
            return try CheckerLogging.makeLogger(paths: config.paths, verbose: console, secrets: key.map { [$0] } ?? [],
                                                 debug: config.debug)
        } catch {
            throw CommandFailure.failed("cannot open the log", error)
        }
    }
}
