import Foundation

// The figures of the Prometheus metrics file, read straight from the tables (counts, sums, the JSON of the
// request metadata through each dialect's JSON functions): one read, no row decoded into a Job.
extension JobStore {
    /// The keys of the request metadata whose sums are the cost totals (``StoreFigures/Cost``); they are the
    /// keys `RequestMetadata.estimatedCostUSD` / `actualCostUSD` read, and only numbers count, as there.
    static let estimatedCostKey = "estimated_cost_usd"
    static let actualCostKey = "actual_cost_usd"

    /// Figures about every job, image and run, for the metrics file.
    ///
    /// ```swift
    /// let figures = try store.storeFigures()
    /// let failedImages = figures.imagesByState[.failed] ?? 0
    /// ```
    public func storeFigures() throws -> StoreFigures {
        try read { db in
            var figures = StoreFigures()
            for status in JobStatus.allCases { figures.jobsByStatus[status] = 0 }
            for row in try db.fetchAll("SELECT status, COUNT(*) FROM jobs GROUP BY status") {
                figures.jobsByStatus[row[0] as JobStatus] = row[1]
            }
            for state in ImageState.allCases { figures.imagesByState[state] = 0 }
            for row in try db.fetchAll("SELECT state, COUNT(*) FROM images GROUP BY state") {
                figures.imagesByState[row[0] as ImageState] = row[1]
            }
            let bytes = try db.fetchOne("""
                SELECT COALESCE(SUM(bytes), 0), COALESCE(SUM(webp_bytes), 0) FROM images WHERE state = 'done'
                """)!
            figures.retrievedBytes = bytes[0]
            figures.webpBytes = bytes[1]
            figures.oldestPendingSince = try db.fetchValue("""
                SELECT MIN(COALESCE(submitted_at, created_at)) FROM jobs WHERE status = 'pending'
                """)
            figures.costByModel = try Self.costByModel(db)
            figures.lastFinishedRun = try db.fetchOne("""
                SELECT * FROM runs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, id DESC LIMIT 1
                """).map(RunRecord.init(row:))
            for row in try db.fetchAll("""
                SELECT outcome, MAX(finished_at) FROM runs WHERE finished_at IS NOT NULL AND outcome IS NOT NULL GROUP BY outcome
                """) {
                figures.lastFinishByOutcome[row[0] as RunOutcome] = row[1]
            }
            figures.errorEvents = try Self.errorEvents(db)
            return figures
        }
    }

    private static func costByModel(_ db: any StoreTransaction) throws -> [String: StoreFigures.Cost] {
        let dialect = db.backend
        var costs: [String: StoreFigures.Cost] = [:]
        for row in try db.fetchAll("""
            SELECT CASE WHEN \(dialect.jsonIsNonEmptyText("request_metadata", "model"))
                        THEN \(dialect.jsonText("request_metadata", "model")) ELSE 'unknown' END AS model,
                   COALESCE(SUM(\(dialect.jsonNumber("request_metadata", estimatedCostKey))), 0),
                   COALESCE(SUM(\(dialect.jsonNumber("request_metadata", actualCostKey))), 0), COUNT(*)
            FROM jobs GROUP BY model
            """) {
            costs[row[0]] = StoreFigures.Cost(estimatedUSD: row[1], actualUSD: row[2], jobs: row[3])
        }
        return costs
    }

    /// Events of failed lookups and calls, grouped by their error text's first 160 characters.
    private static func errorEvents(_ db: any StoreTransaction) throws -> [StoreFigures.ErrorEvents] {
        let separator = db.backend.position(of: "': '", in: "message")
        return try db.fetchAll("""
            SELECT kind, CASE WHEN kind = 'transient-error' AND \(separator) > 0
                              THEN substr(message, \(separator) + 2, 160)
                              ELSE substr(COALESCE(message, ''), 1, 160) END AS head, COUNT(*)
            FROM job_events WHERE kind IN ('transient-error', 'not-found', 'failed')
            GROUP BY kind, head ORDER BY kind, head
            """).map { StoreFigures.ErrorEvents(kind: $0[0], head: $0[1], count: $0[2]) }
    }
}
