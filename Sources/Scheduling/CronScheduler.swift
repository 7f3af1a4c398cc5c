/// Installs, removes and syncs pfc-jobs' crontab entry through a ``CrontabClient``, writing
/// only when the text actually changes.
///
/// ```swift
/// let scheduler = CronScheduler(client: CrontabClient())
/// let outcome = try scheduler.install(try CrontabEntry(plan: .forInterval(45),
///                                                      executablePath: "/usr/local/bin/pfc-jobs",
///                                                      configPath: "/home/me/config.json"))
/// ```
public struct CronScheduler: Sendable {
    public var client: CrontabClient

    public init(client: CrontabClient) { self.client = client }

    /// What an install, remove or sync did.
    public enum Outcome: Sendable, Equatable, CustomStringConvertible {
        case installed(replacedLegacyEntry: Bool)
        case updated(replacedLegacyEntry: Bool)
        case alreadyInstalled
        case removed
        case nothingToRemove

        public var description: String {
            switch self {
            case .installed(let legacy): "installed the crontab entry" + (legacy ? " (replaced the Python checker's entry)" : "")
            case .updated(let legacy): "updated the crontab entry" + (legacy ? " (replaced the Python checker's entry)" : "")
            case .alreadyInstalled: "the crontab entry is already installed and up to date"
            case .removed: "removed the crontab entry"
            case .nothingToRemove: "no pfc-jobs crontab entry to remove"
            }
        }
    }

    /// Puts `entry` in the crontab (idempotent; replaces the Python checker's entry).
    @discardableResult
    public func install(_ entry: CrontabEntry) throws -> Outcome {
        let current = try client.read()
        let before = CrontabEditor.findings(in: current)
        let updated = CrontabEditor.installing(entry, into: current)
        if updated == current { return .alreadyInstalled }
        try client.write(updated)
        return before.managedLine == nil ? .installed(replacedLegacyEntry: before.hasLegacyEntry)
                                         : .updated(replacedLegacyEntry: before.hasLegacyEntry)
    }

    /// Removes pfc-jobs' entry only.
    @discardableResult
    public func remove() throws -> Outcome {
        let current = try client.read()
        let updated = CrontabEditor.removing(from: current)
        if updated == current { return .nothingToRemove }
        try client.write(updated)
        return .removed
    }

    /// Makes the crontab follow the config: installed at `intervalMinutes` when enabled, absent otherwise.
    @discardableResult
    public func sync(enabled: Bool, intervalMinutes: Int, executablePath: String, configPath: String) throws -> Outcome {
        guard enabled else { return try remove() }
        try SchedulePlan.validate(intervalMinutes: intervalMinutes)
        return try install(CrontabEntry(plan: .forInterval(intervalMinutes), executablePath: executablePath,
                                        configPath: configPath))
    }

    /// The current crontab's findings (our entry, the Python checker's).
    public func findings() throws -> CrontabEditor.Findings {
        CrontabEditor.findings(in: try client.read())
    }
}
