import Foundation

extension JobStore {
    /// Takes up to `limit` due jobs in one IMMEDIATE transaction and leases them to `owner`.
    ///
    /// A job is due when it is `pending`, its `next_check_at` has come, its lease is free or expired, and it is
    /// not an unbound submit intent. Each claimed row gets `owner`, a lease until `now + leaseSeconds`, and a
    /// fencing token one higher than before; no other holder can get the same token for the same job.
    /// With `onlyID` (full name or bare suffix) only that job is considered, and its next check time is
    /// ignored: the operator asked for it now. Jobs come back in `next_check_at` order. `dueBy` (default `now`)
    /// is the time a job must be due by: a run passes its start time, so a job it already looked at and
    /// rescheduled is not taken again in the same run.
    ///
    /// ```swift
    /// let claims = try store.claimDueJobs(owner: "host:4242", limit: 10, leaseSeconds: 300)
    /// ```
    public func claimDueJobs(owner: String, limit: Int, leaseSeconds: Int, now: Date = Date(),
                             dueBy: Date? = nil, onlyID: String? = nil) throws -> [Claim] {
        guard limit > 0 else { return [] }
        let stamp = Timestamp(now)
        let due = Timestamp(min(dueBy ?? now, now))
        let expires = stamp.adding(seconds: Double(leaseSeconds))
        return try immediateTransaction(lock: .rows) { db in
            // Without statistics the SQLite planner prefers jobs_by_status and sorts every pending row (45 ms
            // on 100k rows); the partial index jobs_due yields due jobs already in order (see bench/store.sh).
            var source = "jobs" + db.backend.indexedBy("jobs_due")
            var filter = "next_check_at <= ?"
            var filterArgument: any StoreArgument = due
            if let onlyID {
                guard let resolved = try Self.resolveID(db, onlyID) else { return [] }
                source = "jobs"
                filter = "id = ?"
                filterArgument = resolved
            }
            // RETURNING cannot carry ORDER BY/LIMIT, hence the subquery. On PostgreSQL the subquery locks the
            // rows it picks and skips those another claimer holds: one statement, no waiting.
            let jobs = try db.fetchAll("""
                UPDATE jobs
                SET lease_owner = ?, lease_expires_at = ?, fencing_token = fencing_token + 1, updated_at = ?
                WHERE id IN (SELECT id FROM \(source)
                             WHERE status = 'pending' AND \(filter)
                               AND (lease_owner IS NULL OR lease_expires_at <= ?)
                               AND id NOT LIKE 'local/%'
                             ORDER BY next_check_at
                             LIMIT ?\(db.backend.forUpdateSkipLocked))
                RETURNING *
                """, [owner, expires, stamp, filterArgument, stamp, limit]).map { Job(row: $0) }
            return jobs
                .sorted { ($0.nextCheckAt, $0.id) < ($1.nextCheckAt, $1.id) }
                .map { Claim(job: $0, owner: owner, token: $0.fencingToken, leaseExpiresAt: expires) }
        }
    }

    /// Pushes the lease of a held job to `now + leaseSeconds` (the heartbeat of a long retrieval).
    /// Returns false, changing nothing, when the claim no longer holds the job.
    ///
    /// ```swift
    /// guard try store.extendLease(claim, leaseSeconds: 300) else { return }   // someone else owns it now
    /// ```
    public func extendLease(_ claim: Claim, leaseSeconds: Int, now: Date = Date()) throws -> Bool {
        let stamp = Timestamp(now)
        return try immediateTransaction(lock: .rows) { db in
            try db.execute("""
                UPDATE jobs SET lease_expires_at = ?, updated_at = ?
                WHERE id = ? AND lease_owner = ? AND fencing_token = ?
                """, [stamp.adding(seconds: Double(leaseSeconds)), stamp, claim.jobID, claim.owner, claim.token]) > 0
        }
    }

    /// Gives the job back without recording anything (e.g. a run stopping early). The job keeps its schedule.
    /// Returns false when the claim no longer held it.
    @discardableResult
    public func releaseLease(_ claim: Claim) throws -> Bool {
        try immediateTransaction(lock: .rows) { db in
            try db.execute("""
                UPDATE jobs SET lease_owner = NULL, lease_expires_at = NULL
                WHERE id = ? AND lease_owner = ? AND fencing_token = ?
                """, [claim.jobID, claim.owner, claim.token]) > 0
        }
    }

    /// The job as stored, if `claim` still holds it; otherwise ``JobStoreError/leaseLost(_:)``.
    /// Called first inside every fenced transaction: the IMMEDIATE lock (SQLite) or the row lock it takes
    /// (PostgreSQL, `FOR UPDATE`) keeps the answer true until commit.
    static func heldJob(_ db: any StoreTransaction, _ claim: Claim) throws -> Job {
        guard let row = try db.fetchOne(
            "SELECT * FROM jobs WHERE id = ? AND lease_owner = ? AND fencing_token = ?" + db.backend.forUpdate,
            [claim.jobID, claim.owner, claim.token])
        else { throw JobStoreError.leaseLost(claim.jobID) }
        return Job(row: row)
    }
}
