import Foundation
import GRDB

extension JobStore {
    /// The job with this id. Accepts the full name (`batches/abc`), the bare suffix (`abc`), a legacy id,
    /// or a `local/...` intent id (also by its bare suffix).
    ///
    /// ```swift
    /// let job = try store.job(id: "abc")   // finds "batches/abc"
    /// ```
    public func job(id: String) throws -> Job? {
        try pool.read { db in
            guard let resolved = try Self.resolveID(db, id) else { return nil }
            return try Self.fetchJob(db, id: resolved)
        }
    }

    /// Jobs with their image tallies, optionally only one status, at most `limit` of them.
    ///
    /// ```swift
    /// for row in try store.jobs(status: .failed, limit: 20) { print(row.job.id, row.imageCount) }
    /// let everything = try store.jobs(order: .submittedAscending)   // export order
    /// ```
    public func jobs(status: JobStatus? = nil, limit: Int? = nil,
                     order: JobOrder = .submittedDescending) throws -> [JobListing] {
        var sql = """
            SELECT jobs.*,
                   COALESCE(tally.total, 0) AS image_total,
                   COALESCE(tally.done, 0) AS image_done,
                   COALESCE(tally.failed, 0) AS image_failed
            FROM jobs
            LEFT JOIN (SELECT job_id, COUNT(*) AS total, SUM(state = 'done') AS done, SUM(state = 'failed') AS failed
                       FROM images GROUP BY job_id) AS tally ON tally.job_id = jobs.id
            """
        var arguments: StatementArguments = []
        if let status {
            sql += " WHERE jobs.status = ?"
            arguments += [status]
        }
        switch order {
        case .submittedAscending: sql += " ORDER BY jobs.submitted_at IS NULL, jobs.submitted_at, jobs.id"
        case .submittedDescending: sql += " ORDER BY jobs.submitted_at IS NULL, jobs.submitted_at DESC, jobs.id"
        case .id: sql += " ORDER BY jobs.id"
        }
        if let limit {
            sql += " LIMIT ?"
            arguments += [max(0, limit)]
        }
        return try pool.read { db in
            var listings: [JobListing] = []
            var columns: (job: JobColumns, total: Int, done: Int, failed: Int)?
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let names = columns == nil ? Array(row.columnNames) : []
                let at = columns ?? (JobColumns(row), names.firstIndex(of: "image_total")!,
                                     names.firstIndex(of: "image_done")!, names.firstIndex(of: "image_failed")!)
                columns = at
                listings.append(JobListing(job: Job(row: row, columns: at.job), imageCount: row[at.total],
                                           doneImageCount: row[at.done], failedImageCount: row[at.failed]))
            }
            return listings
        }
    }

    /// How many jobs have each status (statuses with no job are absent).
    public func jobCounts() throws -> [JobStatus: Int] {
        try pool.read { db in
            var counts: [JobStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM jobs GROUP BY status") {
                counts[row["status"] as JobStatus] = row["n"]
            }
            return counts
        }
    }

    /// The job's images in batch order. The id is resolved like ``job(id:)``.
    public func images(jobID: String) throws -> [ImageRecord] {
        try pool.read { db in
            guard let resolved = try Self.resolveID(db, jobID) else { return [] }
            return try Self.fetchImages(db, jobID: resolved)
        }
    }

    /// The job's history, oldest first. The id is resolved like ``job(id:)``.
    public func events(jobID: String) throws -> [JobEvent] {
        try pool.read { db in
            guard let resolved = try Self.resolveID(db, jobID) else { return [] }
            return try JobEvent.fetchAll(db, sql: "SELECT * FROM job_events WHERE job_id = ? ORDER BY at, id",
                                         arguments: [resolved])
        }
    }

    /// The stored id that `id` names: itself, else `batches/<id>`, else `local/<id>`.
    static func resolveID(_ db: Database, _ id: String) throws -> String? {
        for candidate in [id, "batches/" + id, intentIDPrefix + id] {
            if try String.fetchOne(db.cachedStatement(sql: "SELECT id FROM jobs WHERE id = ?"),
                                   arguments: [candidate]) != nil {
                return candidate
            }
        }
        return nil
    }

    static func fetchJob(_ db: Database, id: String) throws -> Job? {
        try Job.fetchOne(db.cachedStatement(sql: "SELECT * FROM jobs WHERE id = ?"), arguments: [id])
    }

    static func fetchImages(_ db: Database, jobID: String) throws -> [ImageRecord] {
        try ImageRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM images WHERE job_id = ? ORDER BY item_index, id"),
                                 arguments: [jobID])
    }
}

extension JobStore {
    /// Every stored job id: the check run compares the tracking file against it to find appended entries.
    public func jobIDs() throws -> Set<String> {
        try pool.read { db in Set(try String.fetchAll(db, sql: "SELECT id FROM jobs")) }
    }
}

extension JobStore {
    /// Submit intents never bound to an API batch that were recorded before `before` (a submit that
    /// died between recording and binding). A range on the primary key: cheap on every run.
    public func unboundIntents(createdBefore before: Date) throws -> [Job] {
        try pool.read { db in
            try Job.fetchAll(db, sql: """
                SELECT * FROM jobs WHERE id >= 'local/' AND id < 'local0' AND status = 'pending' AND created_at < ?
                ORDER BY created_at
                """, arguments: [Timestamp(before)])
        }
    }
}
