import Foundation
import PFCConfig

/// Where pfc-jobs' periodic `check` is installed: the user's crontab (the default), a systemd user timer, or a
/// launchd agent. The one place the three are told apart: `schedule install/remove/sync` act through it, and
/// `doctor` compares what is installed with what ``install(intervalMinutes:executablePath:configPath:)`` would
/// write through it.
///
/// ```swift
/// let home = URL(fileURLWithPath: "/home/me", isDirectory: true)
/// let target = try ScheduleTarget.chosen(systemd: false, launchd: false, crontab: CrontabClient(), home: home)
/// print(try target.install(intervalMinutes: 45, executablePath: "/usr/local/bin/pfc-jobs",
///                          configPath: "/home/me/config.json"))   // "installed the crontab entry: every 45 min (…)"
/// ```
public enum ScheduleTarget: Sendable {
    case crontab(CronScheduler)
    /// Units in `~/.config/systemd/user` under `home`.
    case systemd(home: URL)
    /// An agent in `~/Library/LaunchAgents` under `home`.
    case launchd(home: URL)

    /// The target `--systemd` / `--launchd` choose (both at once is bad input); neither means the crontab.
    public static func chosen(systemd: Bool, launchd: Bool, crontab: CrontabClient,
                              home: URL) throws(ScheduleError) -> ScheduleTarget {
        switch (systemd, launchd) {
        case (true, true): throw .conflictingTargets
        case (true, false): .systemd(home: home)
        case (false, true): .launchd(home: home)
        case (false, false): .crontab(CronScheduler(client: crontab))
        }
    }

    /// The targets that are files in the home folder, in the order `doctor` looks for them.
    public static func unitTargets(home: URL) -> [ScheduleTarget] { [.systemd(home: home), .launchd(home: home)] }

    /// The config file a scheduled run reads: a schedule needs a file, not the built-in defaults.
    public static func configPath(of config: Config) throws(ScheduleError) -> String {
        guard let file = config.sourceFile else { throw .noConfigFile }
        return file.standardizedFileURL.path
    }

    /// How the target is named in messages.
    public var name: String {
        switch self {
        case .crontab: "crontab entry"
        case .systemd: "systemd user timer"
        case .launchd: "launchd agent"
        }
    }

    /// The `schedule install` flag that chooses this target (none for the crontab).
    public var flag: String? {
        switch self {
        case .crontab: nil
        case .systemd: "--systemd"
        case .launchd: "--launchd"
        }
    }

    /// Installs or updates the schedule; returns what was done, for the user (one line or more).
    public func install(intervalMinutes: Int, executablePath: String, configPath: String) throws -> String {
        try SchedulePlan.validate(intervalMinutes: intervalMinutes)
        let plan = SchedulePlan.forInterval(intervalMinutes)
        switch self {
        case .crontab(let scheduler):
            let outcome = try scheduler.install(CrontabEntry(plan: plan, executablePath: executablePath, configPath: configPath))
            return "\(outcome): \(plan)"
        case .systemd(let home):
            let written = try SystemdUserTimer(plan: plan, executablePath: executablePath, configPath: configPath).install(home: home)
            return "wrote \(written.map(\.path).joined(separator: " and ")): every \(intervalMinutes) min\n"
                + Self.commands("activate with:", SystemdUserTimer.activationCommands)
        case .launchd(let home):
            let file = try LaunchdAgent(intervalMinutes: intervalMinutes, executablePath: executablePath, configPath: configPath)
                .install(home: home)
            return "wrote \(file.path): every \(intervalMinutes) min\n" + Self.commands("activate with:", LaunchdAgent.activationCommands)
        }
    }

    /// Removes pfc-jobs' schedule from this target (nothing else); returns what was done, for the user.
    public func remove() throws -> String {
        switch self {
        case .crontab(let scheduler):
            return try scheduler.remove().description
        case .systemd(let home):
            let removed = try SystemdUserTimer.remove(home: home)
            if removed.isEmpty { return "no pfc-jobs systemd units to remove" }
            return "removed \(removed.map(\.path).joined(separator: " and "))\n"
                + Self.commands("then run:", SystemdUserTimer.deactivationCommands)
        case .launchd(let home):
            return try LaunchdAgent.remove(home: home) ? "removed \(LaunchdAgent.plistFile(home: home).path)"
                                                       : "no pfc-jobs launchd agent to remove"
        }
    }

    /// A systemd timer or launchd agent that is installed, and whether its files are exactly what ``install``
    /// would write now for this interval, binary and config. Nil when none is installed, and for the crontab
    /// (``ScheduleStatus`` compares the crontab entry, line by line).
    public func installedUnit(intervalMinutes: Int, executablePath: String, configPath: String) -> InstalledUnit? {
        func text(_ file: URL) -> String? { try? String(contentsOf: file, encoding: .utf8) }
        switch self {
        case .crontab:
            return nil
        case .systemd(let home):
            let folder = SystemdUserTimer.unitFolder(home: home)
            let service = folder.appendingPathComponent(SystemdUserTimer.serviceName)
            let timer = folder.appendingPathComponent(SystemdUserTimer.timerName)
            guard Self.isFile(timer) else { return nil }
            let expected = SchedulePlan.validIntervals.contains(intervalMinutes)
                ? try? SystemdUserTimer(plan: .forInterval(intervalMinutes), executablePath: executablePath, configPath: configPath)
                : nil
            let matches = expected.map { text(service) == $0.serviceContent && text(timer) == $0.timerContent } ?? false
            return InstalledUnit(file: timer, matches: matches)
        case .launchd(let home):
            let plist = LaunchdAgent.plistFile(home: home)
            guard Self.isFile(plist) else { return nil }
            let expected = try? LaunchdAgent(intervalMinutes: intervalMinutes, executablePath: executablePath, configPath: configPath)
            return InstalledUnit(file: plist, matches: expected.map { text(plist) == $0.plistContent } ?? false)
        }
    }

    private static func commands(_ heading: String, _ commands: [String]) -> String {
        heading + "\n" + commands.map { "  " + $0 }.joined(separator: "\n")
    }

    /// A regular file (a symbolic link to one counts), not a folder.
    private static func isFile(_ url: URL) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) && !isFolder.boolValue
    }
}
