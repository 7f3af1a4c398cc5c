import Foundation
import PFCConfig

/// Decides whether a scheduled `check` firing (`check --scheduled`, what cron, the systemd timer and
/// launchd start) should do its work.
///
/// Nothing runs while checking is disabled (`batch_check_enabled: false`). For intervals cron expresses
/// exactly every firing runs. For the others (see ``SchedulePlan``) the scheduler fires at a finer cadence and
/// a firing runs only when at least the interval, minus half the base cadence, has passed since the last
/// completed run. Pass the *start* time of the last completed run over every due job (the store's
/// `lastCompletedRun()`, which leaves out one-job runs such as `check --job` and the MCP server's retrieve:
/// checking one job by hand must not hold back the schedule), so that a long run does not push the next one
/// a whole cadence later.
///
/// ```swift
/// var config = Config.defaults(home: "/home/me")
/// config.batchCheckIntervalMinutes = 45                        // cron fires every 15 minutes
/// let lastRunStart = Date().addingTimeInterval(-20 * 60)       // in `check`: store.lastCompletedRun()?.startedAt.date
/// let decision = RunGate.scheduledRun(config: config, now: Date()) { lastRunStart }
/// print(decision)                                              // notYet: this firing does nothing
/// ```
public enum RunGate {
    /// What a scheduled firing does.
    public enum Decision: Sendable, Equatable {
        /// Check the due jobs now.
        case due
        /// Checking is disabled in the config: nothing to do.
        case disabled
        /// Less than the interval has passed since the last completed run.
        case notYet
    }

    /// The decision for a firing at `now`. `lastCompletedRunAt` is asked only when the answer depends on it
    /// (a disabled config or an interval cron expresses exactly needs no database).
    public static func scheduledRun(config: Config, now: Date,
                                    lastCompletedRunAt: () throws -> Date?) rethrows -> Decision {
        guard config.batchCheckEnabled else { return .disabled }
        guard needsLastRun(intervalMinutes: config.batchCheckIntervalMinutes) else { return .due }
        return shouldRun(intervalMinutes: config.batchCheckIntervalMinutes, lastCompletedRunAt: try lastCompletedRunAt(), now: now)
            ? .due : .notYet
    }

    public static func shouldRun(intervalMinutes: Int, lastCompletedRunAt: Date?, now: Date) -> Bool {
        guard needsLastRun(intervalMinutes: intervalMinutes), let last = lastCompletedRunAt else { return true }
        let cadence = SchedulePlan.baseCadence(forInterval: intervalMinutes)
        let elapsed = now.timeIntervalSince(last)
        // A last run "in the future" means the clock went back: run rather than stall until it catches up.
        if elapsed < 0 { return true }
        return elapsed >= Double(intervalMinutes * 60) - SchedulePlan.toleranceSeconds(baseCadenceMinutes: cadence)
    }

    /// Whether the gate applies at all: an interval in range that cron cannot express exactly.
    static func needsLastRun(intervalMinutes: Int) -> Bool {
        SchedulePlan.validIntervals.contains(intervalMinutes)
            && SchedulePlan.baseCadence(forInterval: intervalMinutes) != intervalMinutes
    }
}
