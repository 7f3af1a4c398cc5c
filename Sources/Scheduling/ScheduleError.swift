import Foundation

/// Errors of the scheduling commands; each message names what to fix.
public enum ScheduleError: Error, Equatable, CustomStringConvertible {
    case intervalOutOfRange(Int)
    case pathNotAbsolute(String)
    case pathUnusableInSchedule(String)
    case crontabFailed(command: String, status: Int32, stderr: String)
    case crontabNotFound(String)
    case unitFileFailed(path: String, reason: String)
    /// `--systemd` and `--launchd` together.
    case conflictingTargets
    /// A schedule needs a config file to name, not the built-in defaults.
    case noConfigFile

    public var description: String {
        switch self {
        case .intervalOutOfRange(let minutes):
            return "batch_check_interval_minutes must be between \(SchedulePlan.validIntervals.lowerBound) and \(SchedulePlan.validIntervals.upperBound), got \(minutes)"
        case .pathNotAbsolute(let path):
            return "path must be absolute for a scheduled run: \(path)"
        case .pathUnusableInSchedule(let path):
            return "path contains a newline or NUL and cannot be scheduled: \(path.debugDescription)"
        case .crontabFailed(let command, let status, let stderr):
            return "\(command) failed with exit status \(status): \(stderr.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .crontabNotFound(let path):
            return "crontab program not found at \(path) (install the Debian package cron)"
        case .unitFileFailed(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .conflictingTargets:
            return "--systemd and --launchd cannot be used together"
        case .noConfigFile:
            return "no config file to schedule: pass --config PATH, set PFC_CONFIG, or run `pfc-jobs init`"
        }
    }
}
