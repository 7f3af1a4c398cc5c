import GRDB

extension JobStore {
    /// Appends one history row; called inside the transaction that makes the change it describes.
    static func appendEvent(_ db: Database, jobID: String, at: Timestamp, kind: JobEventKind, message: String?) throws {
        try db.cachedStatement(sql: "INSERT INTO job_events (job_id, at, kind, message) VALUES (?, ?, ?, ?)")
            .execute(arguments: [jobID, at, kind, message])
    }
}
