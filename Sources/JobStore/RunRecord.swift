import GRDB

/// One row of `runs`: a check run, started by ``JobStore/startRun(owner:now:)``.
///
/// ```swift
/// if let last = try store.lastCompletedRun() { print(last.finishedAt!, last.counts.retrieved) }
/// ```
public struct RunRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    /// Who ran it (e.g. `host:pid`).
    public var owner: String
    public var startedAt: Timestamp
    /// NULL while the run is in progress (or if it crashed).
    public var finishedAt: Timestamp?
    public var counts: RunCounts
    /// NULL while the run is in progress (or if it crashed).
    public var outcome: RunOutcome?
    public var message: String?
}

extension RunRecord: FetchableRecord {
    public init(row: Row) throws {
        id = row["id"]
        owner = row["owner"]
        startedAt = row["started_at"]
        finishedAt = row["finished_at"]
        counts = RunCounts(claimed: row["claimed"], retrieved: row["retrieved"], failed: row["failed"],
                           errors: row["errors"])
        outcome = row["outcome"]
        message = row["message"]
    }
}
