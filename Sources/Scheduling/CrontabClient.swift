import Foundation

/// Reads and writes a user's crontab through the real `crontab` program.
///
/// ```swift
/// let client = CrontabClient()                      // the current user, crontab from $PATH
/// let text = try client.read()                      // "" when the user has no crontab
/// try client.write(CrontabEditor.installing(entry, into: text))
/// ```
public struct CrontabClient: Sendable {
    /// The `crontab` program to run.
    public var crontabPath: String
    /// Whose crontab (`crontab -u USER`, root only); nil for the current user.
    public var user: String?

    public init(crontabPath: String = CrontabClient.defaultCrontabPath(), user: String? = nil) {
        self.crontabPath = crontabPath
        self.user = user
    }

    /// `crontab` from `$PATH`, else `/usr/bin/crontab`.
    public static func defaultCrontabPath() -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/crontab"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/crontab"
    }

    private var userArguments: [String] { user.map { ["-u", $0] } ?? [] }

    private func run(_ arguments: [String], input: Data? = nil) throws -> ProcessRunner.Result {
        guard FileManager.default.isExecutableFile(atPath: crontabPath) else {
            throw ScheduleError.crontabNotFound(crontabPath)
        }
        return try ProcessRunner.run(crontabPath, userArguments + arguments, standardInput: input)
    }

    private func commandLine(_ arguments: [String]) -> String {
        ([crontabPath] + userArguments + arguments).joined(separator: " ")
    }

    /// The crontab text; "" when the user has none (`crontab -l` exits 1 with "no crontab for").
    /// Throws for text that is not UTF-8 rather than risk rewriting it differently.
    public func read() throws -> String {
        let result = try run(["-l"])
        if result.status == 1 && result.standardError.contains("no crontab for") { return "" }
        guard result.status == 0 else {
            throw ScheduleError.crontabFailed(command: commandLine(["-l"]), status: result.status,
                                              stderr: result.standardError)
        }
        guard let text = String(data: result.standardOutput, encoding: .utf8) else {
            throw ScheduleError.crontabFailed(command: commandLine(["-l"]), status: 0,
                                              stderr: "the crontab is not UTF-8 text; edit it with crontab -e")
        }
        return text
    }

    /// Replaces the whole crontab with `text` (`crontab -`; cron checks the syntax).
    public func write(_ text: String) throws {
        let result = try run(["-"], input: Data(text.utf8))
        guard result.status == 0 else {
            throw ScheduleError.crontabFailed(command: commandLine(["-"]), status: result.status,
                                              stderr: result.standardError)
        }
    }
}
