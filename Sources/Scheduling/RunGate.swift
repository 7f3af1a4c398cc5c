import Foundation

/// Decides whether a scheduled `check` firing should do its work.
///
/// For intervals cron expresses exactly every firing runs. For the others (see
/// ``SchedulePlan``) the scheduler fires at a finer cadence and a firing runs only when at
/// least the interval, minus half the base cadence, has passed since the last completed run.
/// Pass the *start* time of the last run that completed, so that a long run does not push the
/// next one a whole cadence later.
///
/// ```swift
/// if RunGate.shouldRun(intervalMinutes: 45, lastCompletedRunAt: store.lastRunStart, now: Date()) {
///     try checker.run()
/// }
/// ```
public enum RunGate {
    public static func shouldRun(intervalMinutes: Int, lastCompletedRunAt: Date?, now: Date) -> Bool {
        guard SchedulePlan.validIntervals.contains(intervalMinutes) else { return true }
        let cadence = SchedulePlan.baseCadence(forInterval: intervalMinutes)
        guard cadence != intervalMinutes, let last = lastCompletedRunAt else { return true }
        let elapsed = now.timeIntervalSince(last)
        // A last run "in the future" means the clock went back: run rather than stall until it catches up.
        if elapsed < 0 { return true }
        return elapsed >= Double(intervalMinutes * 60) - SchedulePlan.toleranceSeconds(baseCadenceMinutes: cadence)
    }
}
