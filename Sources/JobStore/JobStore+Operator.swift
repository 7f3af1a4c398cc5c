import Foundation

// Operator and submit actions. They are not fenced: they take the job away from any lease holder instead
// (lease cleared, fencing token raised), so an in-flight checker's next write is refused rather than
// overwriting the operator's decision.
extension JobStore {
    /// Makes a job due now: status pending, attempts and not-found count reset, error cleared.
    /// Allowed for failed, expired, cancelled and pending jobs; a completed one only with `force` (it will be
    /// retrieved again).
    ///
    /// ```swift
    /// let job = try store.retry(id: "abc")   // throws JobStoreError.jobNotFound for an unknown id
    /// ```
    @discardableResult
    public func retry(id: String, force: Bool = false, now: Date = Date()) throws -> Job {
        let stamp = Timestamp(now)
        return try immediateTransaction { db in
            let job = try Self.resolvedJob(db, id)
            if job.status == .completed, !force { throw JobStoreError.retryRequiresForce(job.id) }
            try db.execute("""
                UPDATE jobs SET status = 'pending', attempts = 0, last_error = NULL, not_found_count = 0,
                                next_check_at = ?, completed_at = NULL,
                                lease_owner = NULL, lease_expires_at = NULL, fencing_token = fencing_token + 1,
                                updated_at = ?
                WHERE id = ?
                """, [stamp, stamp, job.id])
            try Self.appendEvent(db, jobID: job.id, at: stamp, kind: .retry,
                                 message: "was \(job.status.rawValue)\(force ? " (forced)" : ""); due now")
            return try Self.fetchJob(db, id: job.id)!
        }
    }

    /// Marks a pending job cancelled (already cancelled: returned as is; other terminal statuses: refused).
    ///
    /// ```swift
    /// try store.markCancelled(id: "batches/abc")
    /// ```
    @discardableResult
    public func markCancelled(id: String, reason: String? = nil, now: Date = Date()) throws -> Job {
        let stamp = Timestamp(now)
        return try immediateTransaction { db in
            let job = try Self.resolvedJob(db, id)
            switch job.status {
            case .cancelled: return job
            case .pending: break
            default: throw JobStoreError.invalidTransition(jobID: job.id, from: job.status, to: .cancelled)
            }
            try db.execute("""
                UPDATE jobs SET status = 'cancelled', completed_at = ?, last_error = COALESCE(?, last_error),
                                lease_owner = NULL, lease_expires_at = NULL, fencing_token = fencing_token + 1,
                                updated_at = ?
                WHERE id = ?
                """, [stamp, reason, stamp, job.id])
            try Self.appendEvent(db, jobID: job.id, at: stamp, kind: .cancelled, message: reason)
            return try Self.fetchJob(db, id: job.id)!
        }
    }

    /// Records a submission before it is sent and returns its placeholder id `local/<uuid>`. Recording first
    /// means a crash between the API call and ``bindIntent(localID:batchName:now:)`` leaves a visible trace.
    /// The checker never claims an unbound intent.
    ///
    /// ```swift
    /// let local = try store.createIntent(displayName: "frog-news", requestMetadataJSON: metadata)
    /// let batch = try await client.createBatch(model: "gemini-3-pro-image", displayName: "frog-news", requests: requests)
    /// try store.bindIntent(localID: local, batchName: batch.name)
    /// ```
    public func createIntent(displayName: String?, requestMetadataJSON: String?, now: Date = Date()) throws -> String {
        let stamp = Timestamp(now)
        let id = Self.intentIDPrefix + UUID().uuidString.lowercased()
        try immediateTransaction { db in
            try db.execute("""
                INSERT INTO jobs (id, status, display_name, request_metadata, next_check_at, created_at, updated_at)
                VALUES (?, 'pending', ?, ?, ?, ?, ?)
                """, [id, displayName, requestMetadataJSON, stamp, stamp, stamp])
            try Self.appendEvent(db, jobID: id, at: stamp, kind: .intent, message: "submission prepared")
        }
        return id
    }

    /// Replaces an intent's placeholder id with the API's batch name (history follows), sets the submit time,
    /// and makes the job due now — one transaction.
    @discardableResult
    public func bindIntent(localID: String, batchName: String, now: Date = Date()) throws -> Job {
        let stamp = Timestamp(now)
        return try immediateTransaction { db in
            guard localID.hasPrefix(Self.intentIDPrefix) else { throw JobStoreError.notAnIntent(localID) }
            guard try Self.fetchJob(db, id: localID, forUpdate: true) != nil else { throw JobStoreError.jobNotFound(localID) }
            guard try Self.fetchJob(db, id: batchName) == nil else { throw JobStoreError.jobAlreadyExists(batchName) }
            // ON UPDATE CASCADE carries job_events and images over to the new id.
            try db.execute("""
                UPDATE jobs SET id = ?, submitted_at = ?, next_check_at = ?, updated_at = ? WHERE id = ?
                """, [batchName, stamp, stamp, stamp, localID])
            try Self.appendEvent(db, jobID: batchName, at: stamp, kind: .submitted, message: "batch \(batchName)")
            return try Self.fetchJob(db, id: batchName)!
        }
    }

    /// Marks an unbound intent failed with its reason: its create never reached the API. It stays listed
    /// (its prompts are in its request metadata); `retry` makes the checker look for its batch again.
    @discardableResult
    public func failIntent(localID: String, reason: String, now: Date = Date()) throws -> Job {
        guard localID.hasPrefix(Self.intentIDPrefix) else { throw JobStoreError.notAnIntent(localID) }
        let stamp = Timestamp(now)
        return try immediateTransaction { db in
            guard try Self.fetchJob(db, id: localID, forUpdate: true) != nil else { throw JobStoreError.jobNotFound(localID) }
            try db.execute("""
                UPDATE jobs SET status = 'failed', last_error = ?, completed_at = ?, updated_at = ? WHERE id = ?
                """, [reason, stamp, stamp, localID])
            try Self.appendEvent(db, jobID: localID, at: stamp, kind: .failed, message: reason)
            return try Self.fetchJob(db, id: localID)!
        }
    }

    /// Deletes an unbound intent (the submission was never accepted). Returns false if it did not exist.
    @discardableResult
    public func discardIntent(localID: String) throws -> Bool {
        guard localID.hasPrefix(Self.intentIDPrefix) else { throw JobStoreError.notAnIntent(localID) }
        return try immediateTransaction { db in
            try db.execute("DELETE FROM jobs WHERE id = ?", [localID]) > 0
        }
    }

    static func resolvedJob(_ db: any StoreTransaction, _ id: String) throws -> Job {
        guard let resolved = try resolveID(db, id), let job = try fetchJob(db, id: resolved, forUpdate: true) else {
            throw JobStoreError.jobNotFound(id)
        }
        return job
    }
}
