/// What ``JobStore/pruneHistory(olderThan:dryRun:now:)`` deleted (or, in a dry run, would delete).
///
/// ```swift
/// let counts = try store.pruneHistory(olderThan: cutoff, dryRun: true)
/// print("\(counts.runs) runs, \(counts.events) history events")
/// ```
public struct PruneCounts: Sendable, Hashable {
    /// Rows of `runs`.
    public var runs: Int
    /// Rows of `job_events`.
    public var events: Int

    public init(runs: Int = 0, events: Int = 0) {
        self.runs = runs
        self.events = events
    }
}
