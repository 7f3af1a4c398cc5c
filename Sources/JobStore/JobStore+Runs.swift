import Foundation

extension JobStore {
    /// Records the start of a check run and returns its id. `onlyJobID` marks a run limited to one job
    /// (`check --job`, the MCP server's retrieve): recorded like any run, but ``lastCompletedRun()`` leaves it
    /// out, so checking one job by hand does not hold back the next scheduled run.
    ///
    /// ```swift
    /// let run = try store.startRun(owner: "\(host):\(pid)")
    /// defer { try? store.finishRun(id: run, counts: counts, outcome: .completed) }
    /// ```
    public func startRun(owner: String, onlyJobID: String? = nil, now: Date = Date()) throws -> Int64 {
        try immediateTransaction { db in
            try db.fetchValue("INSERT INTO runs (owner, started_at, message) VALUES (?, ?, ?) RETURNING id",
                              [owner, Timestamp(now), onlyJobID.map(RunRecord.oneJobMessage)])!
        }
    }

    /// Records the end of a run: its tallies, outcome and an optional message (e.g. the fatal error, which
    /// replaces a one-job run's mark; without a message the mark stays).
    public func finishRun(id: Int64, counts: RunCounts, outcome: RunOutcome, message: String? = nil,
                          now: Date = Date()) throws {
        try immediateTransaction { db in
            try db.execute("""
                UPDATE runs SET finished_at = ?, claimed = ?, retrieved = ?, failed = ?, errors = ?, outcome = ?,
                    message = COALESCE(?, message)
                WHERE id = ?
                """, [Timestamp(now), counts.claimed, counts.retrieved, counts.failed, counts.errors, outcome, message, id])
        }
    }

    /// The latest runs, newest first (including unfinished or crashed ones).
    public func recentRuns(limit: Int = 10) throws -> [RunRecord] {
        try read { db in
            try db.fetchAll("SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?", [max(0, limit)])
                .map(RunRecord.init(row:))
        }
    }

    /// The most recent run over every due job that finished with outcome ``RunOutcome/completed``; one-job
    /// runs (``RunRecord/isOneJobRun``) do not count. The scheduled-run gate and `schedule status` measure from it.
    public func lastCompletedRun() throws -> RunRecord? {
        try read { db in
            try db.fetchOne("""
                SELECT * FROM runs WHERE finished_at IS NOT NULL AND outcome = 'completed'
                    AND (message IS NULL OR message NOT LIKE '\(RunRecord.oneJobPrefix)%')
                ORDER BY finished_at DESC, id DESC LIMIT 1
                """).map(RunRecord.init(row:))
        }
    }
}
