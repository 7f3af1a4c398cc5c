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
    /// The fatal error of a failed run; `one job: <id>` for a one-job run that did not fail.
    public var message: String?

    /// A run limited to one job (`check --job`, the MCP server's retrieve), known by its message until a fatal
    /// error replaces it (a failed run never counts as the last completed one anyway). The mark lives in the
    /// message so that the `runs` table stays as it is.
    public var isOneJobRun: Bool { message?.hasPrefix(Self.oneJobPrefix) ?? false }

    /// Without `%` or `_`: ``JobStore/lastCompletedRun()`` matches it with LIKE.
    static let oneJobPrefix = "one job: "
    static func oneJobMessage(_ jobID: String) -> String { oneJobPrefix + jobID }
}

extension RunRecord {
    init(row: StoreRow) {
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
