import Foundation

extension JobStore {
    /// The job with this id. Accepts the full name (`batches/abc`), the bare suffix (`abc`), a legacy id,
    /// or a `local/...` intent id (also by its bare suffix).
    ///
    /// ```swift
    /// let job = try store.job(id: "abc")   // finds "batches/abc"
    /// ```
    public func job(id: String) throws -> Job? {
        try read { db in
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
            LEFT JOIN (SELECT job_id, COUNT(*) AS total,
                              SUM(CASE WHEN state = 'done' THEN 1 ELSE 0 END) AS done,
                              SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed
                       FROM images GROUP BY job_id) AS tally ON tally.job_id = jobs.id
            """
        var arguments: [any StoreArgument] = []
        if let status {
            sql += " WHERE jobs.status = ?"
            arguments.append(status)
        }
        switch order {
        case .submittedAscending: sql += " ORDER BY jobs.submitted_at IS NULL, jobs.submitted_at, jobs.id"
        case .submittedDescending: sql += " ORDER BY jobs.submitted_at IS NULL, jobs.submitted_at DESC, jobs.id"
        case .id: sql += " ORDER BY jobs.id"
        }
        if let limit {
            sql += " LIMIT ?"
            arguments.append(max(0, limit))
        }
        return try read { db in
            var listings: [JobListing] = []
            var columns: (job: JobColumns, total: Int, done: Int, failed: Int)?
            try db.forEachRow(sql, arguments) { row in
                let at = columns ?? (JobColumns(row), row.index(of: "image_total"), row.index(of: "image_done"),
                                     row.index(of: "image_failed"))
                columns = at
                listings.append(JobListing(job: Job(row: row, columns: at.job), imageCount: row[at.total],
                                           doneImageCount: row[at.done], failedImageCount: row[at.failed]))
            }
            return listings
        }
    }

    /// How many jobs have each status (statuses with no job are absent).
    public func jobCounts() throws -> [JobStatus: Int] {
        try read { db in
            var counts: [JobStatus: Int] = [:]
            for row in try db.fetchAll("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status") {
                counts[row["status"] as JobStatus] = row["n"]
            }
            return counts
        }
    }

    /// The job's images in batch order. The id is resolved like ``job(id:)``.
    public func images(jobID: String) throws -> [ImageRecord] {
        try read { db in
            guard let resolved = try Self.resolveID(db, jobID) else { return [] }
            return try Self.fetchImages(db, jobID: resolved)
        }
    }

    /// The job's history, oldest first. The id is resolved like ``job(id:)``.
    public func events(jobID: String) throws -> [JobEvent] {
        try read { db in
            guard let resolved = try Self.resolveID(db, jobID) else { return [] }
            return try db.fetchAll("SELECT * FROM job_events WHERE job_id = ? ORDER BY at, id", [resolved])
                .map(JobEvent.init(row:))
        }
    }

    /// The stored id that `id` names: itself, else `batches/<id>`, else `local/<id>`.
    static func resolveID(_ db: any StoreTransaction, _ id: String) throws -> String? {
        for candidate in [id, "batches/" + id, intentIDPrefix + id] {
            if try db.fetchOne("SELECT id FROM jobs WHERE id = ?", [candidate]) != nil {
                return candidate
            }
        }
        return nil
    }

    /// The job row; with `forUpdate`, locked until the write transaction ends (PostgreSQL: `FOR UPDATE`, so a
    /// concurrent claim or fenced write waits; SQLite's write lock already covers it).
    static func fetchJob(_ db: any StoreTransaction, id: String, forUpdate: Bool = false) throws -> Job? {
        try db.fetchOne("SELECT * FROM jobs WHERE id = ?" + (forUpdate ? db.backend.forUpdate : ""), [id]).map { Job(row: $0) }
    }

    static func fetchImages(_ db: any StoreTransaction, jobID: String) throws -> [ImageRecord] {
        try db.fetchAll("SELECT * FROM images WHERE job_id = ? ORDER BY item_index, id", [jobID]).map(ImageRecord.init(row:))
    }
}

extension JobStore {
    /// Every stored job id: the check run compares the tracking file against it to find appended entries.
    public func jobIDs() throws -> Set<String> {
        try read { db in
            var ids = Set<String>()
            try db.forEachRow("SELECT id FROM jobs", []) { ids.insert($0[0]) }
            return ids
        }
    }
}

extension JobStore {
    /// Submit intents never bound to an API batch that were recorded before `before` (a submit that
    /// died between recording and binding). A range on the primary key: cheap on every run.
    public func unboundIntents(createdBefore before: Date) throws -> [Job] {
        try read { db in
            try db.fetchAll("""
                SELECT * FROM jobs WHERE id >= 'local/' AND id < 'local0' AND status = 'pending' AND created_at < ?
                ORDER BY created_at
                """, [Timestamp(before)]).map { Job(row: $0) }
        }
    }
}
