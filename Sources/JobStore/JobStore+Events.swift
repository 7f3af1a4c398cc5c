extension JobStore {
    /// Appends one history row; called inside the transaction that makes the change it describes.
    static func appendEvent(_ db: any StoreTransaction, jobID: String, at: Timestamp, kind: JobEventKind,
                            message: String?) throws {
        try db.execute("INSERT INTO job_events (job_id, at, kind, message) VALUES (?, ?, ?, ?)", [jobID, at, kind, message])
    }
}
