import Foundation

// Every method here takes a Claim and applies only while that claim still holds the job (same owner and
// fencing token); otherwise it throws JobStoreError.leaseLost and changes nothing. Each is one transaction
// and, except the image methods, releases the lease.
extension JobStore {
    /// Records a check that found the batch not finished: remote state, one more check, the next check time.
    /// A successful check also clears the transient-failure count, the last error and the not-found count.
    ///
    /// ```swift
    /// try store.recordCheck(claim, remoteState: "BATCH_STATE_RUNNING", nextCheckAt: now.addingTimeInterval(1800))
    /// ```
    @discardableResult
    public func recordCheck(_ claim: Claim, remoteState: String?, nextCheckAt: Date, now: Date = Date()) throws -> Job {
        let stamp = Timestamp(now)
        return try immediateTransaction(lock: .rows) { db in
            let held = try Self.heldJob(db, claim)
            try db.execute("""
                UPDATE jobs SET remote_state = ?, check_count = check_count + 1, last_checked_at = ?,
                                next_check_at = ?, attempts = 0, last_error = NULL, not_found_count = 0,
                                lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
                WHERE id = ?
                """, [remoteState, stamp, Timestamp(nextCheckAt), stamp, claim.jobID])
            // One history line per remote state, not per check: a job checked every 30 min for days stays readable.
            if remoteState != held.remoteState || held.lastError != nil {
                try Self.appendEvent(db, jobID: claim.jobID, at: stamp, kind: .checked,
                                     message: "remote state \(remoteState ?? "unknown")")
            }
            return try Self.fetchJob(db, id: claim.jobID)!
        }
    }

    /// Records a transient failure (network, 429, 5xx, disk full): attempts + 1, the error kept, the next check
    /// moved back by ``Backoff`` (`jitter` picks the wait in `0...ceiling`; full jitter by default). When the
    /// attempts reach `maxAttempts` the job becomes `failed` instead — with `giveUpAfterSeconds`, only once the
    /// job is also that old (since it was submitted): a batch lives up to 48 hours, and an outage of a few hours
    /// must not fail batches that are still alive.
    ///
    /// ```swift
    /// let job = try store.recordTransientFailure(claim, error: "HTTP 503", maxAttempts: 8, backoffBaseSeconds: 60)
    /// ```
    @discardableResult
    public func recordTransientFailure(_ claim: Claim, error: String, maxAttempts: Int, backoffBaseSeconds: Double,
                                       maxBackoffSeconds: Double = Backoff.defaultMaxSeconds,
                                       giveUpAfterSeconds: Double? = nil, now: Date = Date(),
                                       jitter: (Double) -> Double = Backoff.fullJitter) throws -> Job {
        let stamp = Timestamp(now)
        return try immediateTransaction(lock: .rows) { db in
            let held = try Self.heldJob(db, claim)
            let attempts = held.attempts + 1
            let age = now.timeIntervalSince((held.submittedAt ?? held.createdAt).date)
            let outlived = giveUpAfterSeconds.map { age >= $0 } ?? true
            if attempts >= maxAttempts, outlived {
                let reason = "gave up after \(attempts) attempts: \(error)"
                try db.execute("""
                    UPDATE jobs SET status = 'failed', attempts = ?, last_error = ?, completed_at = ?,
                                    lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
                    WHERE id = ?
                    """, [attempts, reason, stamp, stamp, claim.jobID])
                try Self.appendEvent(db, jobID: claim.jobID, at: stamp, kind: .failed, message: reason)
            } else {
                let ceiling = Backoff.ceiling(attempt: attempts, baseSeconds: backoffBaseSeconds,
                                              maxSeconds: maxBackoffSeconds)
                let wait = min(max(jitter(ceiling), 0), ceiling)
                let next = stamp.adding(seconds: wait)
                try db.execute("""
                    UPDATE jobs SET attempts = ?, last_error = ?, next_check_at = ?,
                                    lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
                    WHERE id = ?
                    """, [attempts, error, next, stamp, claim.jobID])
                try Self.appendEvent(db, jobID: claim.jobID, at: stamp, kind: .transientError,
                                     message: "attempt \(attempts) of \(maxAttempts): \(error); next check at \(next)")
            }
            return try Self.fetchJob(db, id: claim.jobID)!
        }
    }

    /// Records that the API answered "not found". The first answer only schedules a confirming check at
    /// `nextCheckAt` (pick a time after this run); a second consecutive one fails the job.
    ///
    /// ```swift
    /// let job = try store.recordNotFound(claim, nextCheckAt: now.addingTimeInterval(600))
    /// if job.status == .failed { /* ... */ }
    /// ```
    @discardableResult
    public func recordNotFound(_ claim: Claim, nextCheckAt: Date, now: Date = Date()) throws -> Job {
        let stamp = Timestamp(now)
        return try immediateTransaction(lock: .rows) { db in
            let held = try Self.heldJob(db, claim)
            let count = held.notFoundCount + 1
            if count >= 2 {
                let reason = "batch not found on the API (confirmed by \(count) consecutive checks)"
                try db.execute("""
                    UPDATE jobs SET status = 'failed', not_found_count = ?, last_error = ?, completed_at = ?,
                                    check_count = check_count + 1, last_checked_at = ?,
                                    lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
                    WHERE id = ?
                    """, [count, reason, stamp, stamp, stamp, claim.jobID])
                try Self.appendEvent(db, jobID: claim.jobID, at: stamp, kind: .failed, message: reason)
            } else {
                let reason = "batch not found on the API; a later check will confirm"
                try db.execute("""
                    UPDATE jobs SET not_found_count = ?, last_error = ?, next_check_at = ?,
                                    check_count = check_count + 1, last_checked_at = ?,
                                    lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
                    WHERE id = ?
                    """, [count, reason, Timestamp(nextCheckAt), stamp, stamp, claim.jobID])
                try Self.appendEvent(db, jobID: claim.jobID, at: stamp, kind: .notFound, message: reason)
            }
            return try Self.fetchJob(db, id: claim.jobID)!
        }
    }

    /// Ends the job: a terminal `status` (completed / failed / cancelled / expired), the remote state if given,
    /// `error` as the last error (nil clears it; a completed job may carry item-level failures here),
    /// completed time and one more check, lease released — one transaction.
    ///
    /// ```swift
    /// try store.finish(claim, status: .completed, remoteState: "BATCH_STATE_SUCCEEDED")
    /// try store.finish(claim, status: .failed, remoteState: "BATCH_STATE_FAILED", error: "quota exceeded")
    /// ```
    @discardableResult
    public func finish(_ claim: Claim, status: JobStatus, remoteState: String? = nil, error: String? = nil,
                       requestMetadataJSON: String? = nil, now: Date = Date()) throws -> Job {
        guard status.isTerminal else {
            throw JobStoreError.invalidTransition(jobID: claim.jobID, from: .pending, to: status)
        }
        let stamp = Timestamp(now)
        return try immediateTransaction(lock: .rows) { db in
            // The fence is in the UPDATE itself (nothing of the held row is needed first): one statement
            // checks owner and token, writes and returns the row.
            guard let row = try db.fetchOne("""
                UPDATE jobs SET status = ?, remote_state = COALESCE(?, remote_state), last_error = ?,
                                completed_at = ?, check_count = check_count + 1, last_checked_at = ?,
                                request_metadata = COALESCE(?, request_metadata),
                                lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
                WHERE id = ? AND lease_owner = ? AND fencing_token = ?
                RETURNING *
                """, [status, remoteState, error, stamp, stamp, requestMetadataJSON, stamp, claim.jobID, claim.owner, claim.token])
            else { throw JobStoreError.leaseLost(claim.jobID) }
            try Self.appendEvent(db, jobID: claim.jobID, at: stamp, kind: JobEventKind(finishedAs: status),
                                 message: [remoteState, error].compactMap { $0 }.joined(separator: ": ").nilIfEmpty)
            return Job(row: row)
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
