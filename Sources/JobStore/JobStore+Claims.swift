import Foundation
import GRDB

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
        return try immediateTransaction { db in
            // Without statistics the planner prefers jobs_by_status and sorts every pending row (45 ms on
            // 100k rows); the partial index jobs_due yields due jobs already in order (see bench/store.sh).
            var source = "jobs INDEXED BY jobs_due"
            var filter = "next_check_at <= :due"
            var arguments: [String: (any DatabaseValueConvertible)?] = [
                "owner": owner, "expires": expires, "now": stamp, "due": due, "limit": limit,
            ]
            if let onlyID {
                guard let resolved = try Self.resolveID(db, onlyID) else { return [] }
                source = "jobs"
                filter = "id = :only"
                arguments["only"] = resolved
            }
            // RETURNING cannot carry ORDER BY/LIMIT, hence the subquery.
            let jobs = try Job.fetchAll(db.cachedStatement(sql: """
                UPDATE jobs
                SET lease_owner = :owner, lease_expires_at = :expires, fencing_token = fencing_token + 1,
                    updated_at = :now
                WHERE id IN (SELECT id FROM \(source)
                             WHERE status = 'pending' AND \(filter)
                               AND (lease_owner IS NULL OR lease_expires_at <= :now)
                               AND id NOT LIKE 'local/%'
                             ORDER BY next_check_at
                             LIMIT :limit)
                RETURNING *
                """), arguments: StatementArguments(arguments))
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
        return try immediateTransaction { db in
            try db.cachedStatement(sql: """
                UPDATE jobs SET lease_expires_at = ?, updated_at = ?
                WHERE id = ? AND lease_owner = ? AND fencing_token = ?
                """).execute(arguments: [stamp.adding(seconds: Double(leaseSeconds)), stamp,
                                         claim.jobID, claim.owner, claim.token])
            return db.changesCount > 0
        }
    }

    /// Gives the job back without recording anything (e.g. a run stopping early). The job keeps its schedule.
    /// Returns false when the claim no longer held it.
    @discardableResult
    public func releaseLease(_ claim: Claim) throws -> Bool {
        try immediateTransaction { db in
            try db.cachedStatement(sql: """
                UPDATE jobs SET lease_owner = NULL, lease_expires_at = NULL
                WHERE id = ? AND lease_owner = ? AND fencing_token = ?
                """).execute(arguments: [claim.jobID, claim.owner, claim.token])
            return db.changesCount > 0
        }
    }

    /// The job as stored, if `claim` still holds it; otherwise ``JobStoreError/leaseLost(_:)``.
    /// Called first inside every fenced transaction: the IMMEDIATE lock keeps the answer true until commit.
    static func heldJob(_ db: Database, _ claim: Claim) throws -> Job {
        guard let job = try Job.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM jobs WHERE id = ? AND lease_owner = ? AND fencing_token = ?"),
            arguments: [claim.jobID, claim.owner, claim.token])
        else { throw JobStoreError.leaseLost(claim.jobID) }
        return job
    }
}
