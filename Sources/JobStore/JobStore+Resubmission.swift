import Foundation

// Links between a job and the jobs resubmitted from it. The link itself is the new job's request metadata
// (`resubmitted_from`, written with the submit intent, so it exists exactly when the new job does); the
// reverse direction is a lookup on an index of that field (migration 0004).
extension JobStore {
    /// The jobs resubmitted from `id` (their request metadata names it in `resubmitted_from`), oldest first
    /// (in the order they were recorded, when recorded in the same microsecond).
    /// The id is resolved like ``job(id:)``.
    ///
    /// ```swift
    /// for followUp in try store.followUps(of: "batches/abc") { print(followUp.id, followUp.status) }
    /// ```
    public func followUps(of id: String) throws -> [Job] {
        try read { db in
            guard let resolved = try Self.resolveID(db, id) else { return [] }
            return try db.fetchAll("""
                SELECT * FROM jobs WHERE \(db.backend.jsonText("request_metadata", "resubmitted_from")) = ?
                ORDER BY created_at, \(db.backend.insertionOrder)
                """, [resolved]).map { Job(row: $0) }
        }
    }

    /// Appends the history line of a resubmission to both jobs, in one transaction: `resubmitted` on the
    /// original, `resubmission` on the follow-up.
    ///
    /// ```swift
    /// try store.recordResubmission(original: "batches/abc", followUp: job.id, detail: "2 failed requests: req_1, req_3")
    /// ```
    public func recordResubmission(original: String, followUp: String, detail: String, now: Date = Date()) throws {
        let stamp = Timestamp(now)
        try immediateTransaction { db in
            for id in [original, followUp] where try Self.fetchJob(db, id: id) == nil { throw JobStoreError.jobNotFound(id) }
            try Self.appendEvent(db, jobID: original, at: stamp, kind: .resubmitted, message: "as \(followUp): \(detail)")
            try Self.appendEvent(db, jobID: followUp, at: stamp, kind: .resubmission, message: "of \(original): \(detail)")
        }
    }
}
