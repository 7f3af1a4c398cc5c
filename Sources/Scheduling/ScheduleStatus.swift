import Foundation

/// What `schedule status` reports: the installed entry, the configured interval, the next and
/// last run, and every way the entry differs from the config.
///
/// ```swift
/// let status = ScheduleStatus(crontab: try CrontabClient().read(), enabled: config.batchCheckEnabled,
///                             intervalMinutes: config.batchCheckIntervalMinutes,
///                             executablePath: "/usr/local/bin/pfc-jobs", configPath: "/home/me/config.json",
///                             lastRun: nil, now: Date())
/// print(status.report())
/// if !status.matchesConfig { exit(1) }
/// ```
public struct ScheduleStatus: Sendable, Equatable {
    public let enabled: Bool
    public let intervalMinutes: Int
    public let plan: SchedulePlan
    public let executablePath: String
    public let configPath: String
    /// Our entry line as installed, if any.
    public let installedLine: String?
    /// Our entry parsed, if it is a `check --config` line.
    public let installedEntry: CrontabEntry?
    public let hasLegacyEntry: Bool
    /// The start of the last completed run (from the database), if known.
    public let lastRun: Date?
    /// When the next firing that will actually run happens (skip gate applied), if installed.
    public let nextRun: Date?
    /// One line per difference between the crontab and the config; empty when they agree.
    public let mismatches: [String]

    public var matchesConfig: Bool { mismatches.isEmpty }

    public init(crontab: String, enabled: Bool, intervalMinutes: Int, executablePath: String, configPath: String,
                lastRun: Date?, now: Date, calendar: Calendar = .current) {
        let findings = CrontabEditor.findings(in: crontab)
        let plan = SchedulePlan.forInterval(min(max(intervalMinutes, SchedulePlan.validIntervals.lowerBound),
                                                SchedulePlan.validIntervals.upperBound))
        self.enabled = enabled
        self.intervalMinutes = intervalMinutes
        self.plan = plan
        self.executablePath = executablePath
        self.configPath = configPath
        self.installedLine = findings.managedLine
        self.installedEntry = findings.managedEntry
        self.hasLegacyEntry = findings.hasLegacyEntry
        self.lastRun = lastRun

        var mismatches: [String] = []
        if !SchedulePlan.validIntervals.contains(intervalMinutes) {
            mismatches.append(ScheduleError.intervalOutOfRange(intervalMinutes).description)
        }
        switch (enabled, findings.managedLine, findings.managedEntry) {
        case (false, nil, _):
            break
        case (false, .some, _):
            mismatches.append("batch_check_enabled is false but the crontab entry is installed (run: pfc-jobs schedule sync)")
        case (true, nil, _):
            mismatches.append("batch_check_enabled is true but no crontab entry is installed (run: pfc-jobs schedule sync)")
        case (true, .some(let line), nil):
            mismatches.append("the crontab entry is not a pfc-jobs check entry: \(line)")
        case (true, .some, .some(let entry)):
            if entry.schedule != plan.cronExpression {
                mismatches.append("the entry runs \"\(entry.schedule)\" but an interval of \(intervalMinutes) min needs \"\(plan.cronExpression)\"")
            }
            if entry.executablePath != executablePath {
                mismatches.append("the entry runs \(entry.executablePath), not this binary \(executablePath)")
            }
            if entry.configPath != configPath {
                mismatches.append("the entry uses config \(entry.configPath), not \(configPath)")
            }
        }
        if findings.hasLegacyEntry {
            mismatches.append("the old Python checker is still scheduled (pfc-jobs schedule install replaces it)")
        }
        self.mismatches = mismatches
        self.nextRun = findings.managedEntry.flatMap { entry in
            Self.nextRun(schedule: entry.schedule, intervalMinutes: intervalMinutes, lastRun: lastRun,
                         after: now, calendar: calendar)
        }
    }

    /// The first firing of `schedule` after `now` that the skip gate lets through.
    public static func nextRun(schedule: String, intervalMinutes: Int, lastRun: Date?, after now: Date,
                               calendar: Calendar) -> Date? {
        guard let cron = try? CronExpression(schedule) else { return nil }
        var candidate = now
        // Each gated interval is at most 1440 firings of a one-minute cadence away.
        for _ in 0..<1500 {
            guard let fire = cron.nextFire(after: candidate, calendar: calendar) else { return nil }
            if RunGate.shouldRun(intervalMinutes: intervalMinutes, lastCompletedRunAt: lastRun, now: fire) { return fire }
            candidate = fire
        }
        return nil
    }

    /// The human-readable report `schedule status` prints.
    public func report(timeZone: TimeZone = .current) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss xxx"
        var lines = [
            "enabled:   \(enabled) (batch_check_enabled)",
            "interval:  \(plan.description)",
            "entry:     \(installedLine ?? "(none)")",
            "next run:  \(nextRun.map(formatter.string) ?? "-")",
            "last run:  \(lastRun.map(formatter.string) ?? "unknown")",
            "matches:   \(matchesConfig ? "yes" : "no")",
        ]
        lines += mismatches.map { "  - \($0)" }
        return lines.joined(separator: "\n")
    }
}
