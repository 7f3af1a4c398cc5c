import AtomicFiles
import Foundation

/// The systemd user service + timer equivalent of the crontab entry, written to
/// `~/.config/systemd/user/`.
///
/// The timer uses `OnCalendar` with the same cadence as ``SchedulePlan`` (so the skip gate
/// keeps odd intervals exact) and `Persistent=true`, so a run missed while the machine was
/// asleep or off happens at the next boot or wake. (`OnUnitActiveSec` would give any interval
/// directly, but `Persistent=` has no effect on such monotonic timers.) `AccuracySec=1s`
/// keeps systemd from delaying a firing by up to a minute, which the gate would read as early.
///
/// ```swift
/// let units = try SystemdUserTimer(plan: .forInterval(45), executablePath: "/usr/local/bin/pfc-jobs",
///                                  configPath: "/home/me/config.json")
/// let written = try units.install(home: URL(fileURLWithPath: NSHomeDirectory()))
/// ```
public struct SystemdUserTimer: Sendable, Equatable {
    public static let serviceName = "pfc-jobs-check.service"
    public static let timerName = "pfc-jobs-check.timer"

    public let plan: SchedulePlan
    public let executablePath: String
    public let configPath: String

    public init(plan: SchedulePlan, executablePath: String, configPath: String) throws {
        _ = try CrontabEntry(plan: plan, executablePath: executablePath, configPath: configPath)  // same path rules
        self.plan = plan
        self.executablePath = executablePath
        self.configPath = configPath
    }

    /// `~/.config/systemd/user` under `home`.
    public static func unitFolder(home: URL) -> URL {
        home.appendingPathComponent(".config/systemd/user", isDirectory: true)
    }

    /// The `OnCalendar=` value firing at the plan's base cadence.
    public var onCalendar: String {
        let cadence = plan.baseCadenceMinutes
        switch cadence {
        case 1: return "*-*-* *:*:00"
        case 2..<60: return "*-*-* *:00/\(cadence):00"
        case 60: return "*-*-* *:00:00"
        case 1440: return "*-*-* 00:00:00"
        default: return "*-*-* 00/\(cadence / 60):00:00"
        }
    }

    public var serviceContent: String {
        """
        [Unit]
        Description=pfc-jobs batch checker (managed by pfc-jobs schedule)

        [Service]
        Type=oneshot
        ExecStart=\(Self.execArgument(executablePath)) check --scheduled --config \(Self.execArgument(configPath))

        """
    }

    public var timerContent: String {
        """
        [Unit]
        Description=Run the pfc-jobs batch checker every \(plan.intervalMinutes) minutes

        [Timer]
        OnCalendar=\(onCalendar)
        Persistent=true
        AccuracySec=1s
        Unit=\(Self.serviceName)

        [Install]
        WantedBy=timers.target

        """
    }

    /// Writes both units atomically (folder created 0700 if missing); returns their paths.
    @discardableResult
    public func install(home: URL) throws -> [URL] {
        let folder = Self.unitFolder(home: home)
        let service = folder.appendingPathComponent(Self.serviceName)
        let timer = folder.appendingPathComponent(Self.timerName)
        do {
            try AtomicFile.createFolder(folder, mode: 0o700)
            try AtomicFile.write(Array(serviceContent.utf8), to: service, mode: 0o644)
            try AtomicFile.write(Array(timerContent.utf8), to: timer, mode: 0o644)
        } catch {
            throw ScheduleError.unitFileFailed(path: folder.path, reason: "\(error)")
        }
        return [service, timer]
    }

    /// Deletes both units; returns the ones that existed.
    @discardableResult
    public static func remove(home: URL) throws -> [URL] {
        let folder = unitFolder(home: home)
        var removed: [URL] = []
        for name in [timerName, serviceName] {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do { try FileManager.default.removeItem(at: url) } catch {
                throw ScheduleError.unitFileFailed(path: url.path, reason: "\(error)")
            }
            removed.append(url)
        }
        return removed
    }

    /// The commands that make systemd pick the units up (printed for the user, not run: they
    /// need a user session bus).
    public static let activationCommands = [
        "systemctl --user daemon-reload",
        "systemctl --user enable --now \(timerName)",
    ]
    public static let deactivationCommands = [
        "systemctl --user disable --now \(timerName)",
        "systemctl --user daemon-reload",
    ]

    /// One `ExecStart=` argument: double-quoted, with `\` and `"` escaped, `%` doubled (unit
    /// specifiers) and `$` doubled (variable expansion).
    static func execArgument(_ value: String) -> String {
        let escaped = value
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "%", with: "%%")
            .replacingOccurrences(of: "$", with: "$$")
        return "\"" + escaped + "\""
    }
}
