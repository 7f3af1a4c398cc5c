import Foundation
import GRDB

extension JobStore {
    /// Records the start of a check run and returns its id.
    ///
    /// ```swift
    /// let run = try store.startRun(owner: "\(host):\(pid)")
    /// defer { try? store.finishRun(id: run, counts: counts, outcome: .completed) }
    /// ```
    public func startRun(owner: String, now: Date = Date()) throws -> Int64 {
        try immediateTransaction { db in
            try db.execute(sql: "INSERT INTO runs (owner, started_at) VALUES (?, ?)", arguments: [owner, Timestamp(now)])
            return db.lastInsertedRowID
        }
    }

    /// Records the end of a run: its tallies, outcome and an optional message (e.g. the fatal error).
    public func finishRun(id: Int64, counts: RunCounts, outcome: RunOutcome, message: String? = nil,
                          now: Date = Date()) throws {
        try immediateTransaction { db in
            try db.execute(sql: """
                UPDATE runs SET finished_at = ?, claimed = ?, retrieved = ?, failed = ?, errors = ?, outcome = ?, message = ?
                WHERE id = ?
                """, arguments: [Timestamp(now), counts.claimed, counts.retrieved, counts.failed, counts.errors,
                                 outcome, message, id])
        }
    }

    /// The latest runs, newest first (including unfinished or crashed ones).
    public func recentRuns(limit: Int = 10) throws -> [RunRecord] {
        try pool.read { db in
            try RunRecord.fetchAll(db, sql: "SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?",
                                   arguments: [max(0, limit)])
        }
    }

    /// The most recent run that finished with outcome ``RunOutcome/completed``.
    public func lastCompletedRun() throws -> RunRecord? {
        try pool.read { db in
            try RunRecord.fetchOne(db, sql: """
                SELECT * FROM runs WHERE finished_at IS NOT NULL AND outcome = 'completed'
                ORDER BY finished_at DESC, id DESC LIMIT 1
                """)
        }
    }
}
