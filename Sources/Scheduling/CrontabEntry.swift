import Foundation

/// The crontab entry pfc-jobs manages: a schedule running this binary's absolute path with
/// `check --scheduled --config <absolute config path>`, both shell-quoted. `--scheduled` lets
/// `check` apply the skip gate of intervals that cron cannot express exactly.
///
/// ```swift
/// let entry = try CrontabEntry(schedule: SchedulePlan.forInterval(30).cronExpression,
///                              executablePath: "/usr/local/bin/pfc-jobs",
///                              configPath: "/home/me/My Images/config.json")
/// entry.line  // "*/30 * * * * /usr/local/bin/pfc-jobs check --scheduled --config '/home/me/My Images/config.json'"
/// ```
public struct CrontabEntry: Sendable, Equatable {
    /// The comment line written above the entry; it is how pfc-jobs finds its entry again.
    public static let marker = "# pfc-jobs batch checker (managed by pfc-jobs schedule)"

    public let schedule: String
    public let executablePath: String
    public let configPath: String

    /// Throws when a path is relative (cron runs in the home folder) or holds a newline/NUL
    /// (a crontab line cannot carry it).
    public init(schedule: String, executablePath: String, configPath: String) throws {
        for path in [executablePath, configPath] {
            guard path.hasPrefix("/") else { throw ScheduleError.pathNotAbsolute(path) }
            guard !path.contains("\n"), !path.contains("\r"), !path.contains("\0") else {
                throw ScheduleError.pathUnusableInSchedule(path)
            }
        }
        self.schedule = schedule
        self.executablePath = executablePath
        self.configPath = configPath
    }

    /// The entry for `plan`.
    public init(plan: SchedulePlan, executablePath: String, configPath: String) throws {
        try self.init(schedule: plan.cronExpression, executablePath: executablePath, configPath: configPath)
    }

    /// The crontab line. Cron turns an unescaped `%` into a newline even inside shell quotes,
    /// so every `%` is written as `\%` (cron removes the backslash before running the shell).
    public var line: String {
        let command = [ShellWords.quote(executablePath), "check", "--scheduled", "--config", ShellWords.quote(configPath)]
            .joined(separator: " ")
        return schedule + " " + command.replacingOccurrences(of: "%", with: "\\%")
    }

    /// Reads a line written by ``line`` (or an equivalent hand edit) back; nil when it is not a
    /// `check --config` entry.
    public init?(parsing line: String) {
        let fields = line.split(maxSplits: 5, omittingEmptySubsequences: true, whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 6 else { return nil }
        let schedule = fields[0..<5].joined(separator: " ")
        let command = String(fields[5]).replacingOccurrences(of: "\\%", with: "%")
        // Entries written before `--scheduled` existed are read too, so a reinstall replaces them.
        guard var words = ShellWords.split(command), words.count >= 2, words[1] == "check" else { return nil }
        words.removeAll { $0 == "--scheduled" }
        guard words.count == 4, words[2] == "--config",
              let entry = try? CrontabEntry(schedule: schedule, executablePath: words[0], configPath: words[3])
        else { return nil }
        self = entry
    }
}
