import BatchStateSpelling
import Foundation

// Pruning history and keeping track of what was deleted on the API. Jobs and images are never deleted here:
// they are what the images folder and the legacy files are explained by.
extension JobStore {
    /// Deletes check runs that ended before `cutoff` and history events older than it; with `dryRun`, only
    /// counts them. The last completed run is always kept (a scheduled `check` measures its interval from
    /// it), and so is a run that has not ended unless it started before `cutoff` and over a day ago (a
    /// crashed one: no run lasts a day).
    ///
    /// ```swift
    /// let cutoff = Date().addingTimeInterval(-90 * 86_400)
    /// let counts = try store.pruneHistory(olderThan: cutoff, dryRun: false)
    /// ```
    @discardableResult
    public func pruneHistory(olderThan cutoff: Date, dryRun: Bool, now: Date = Date()) throws -> PruneCounts {
        let stamp = Timestamp(cutoff)
        let crashedBefore = Timestamp(min(cutoff, now.addingTimeInterval(-86_400)))
        let runs = """
            FROM runs WHERE ((finished_at IS NOT NULL AND finished_at < ?) OR (finished_at IS NULL AND started_at < ?))
              AND id IS DISTINCT FROM (SELECT id FROM runs WHERE finished_at IS NOT NULL AND outcome = 'completed'
                             ORDER BY finished_at DESC, id DESC LIMIT 1)
            """
        let events = "FROM job_events WHERE at < ?"
        if dryRun {
            // Reads only: a dry run takes no write lock and leaves the file as it was.
            return try read { db in
                PruneCounts(runs: try db.fetchValue("SELECT COUNT(*) " + runs, [stamp, crashedBefore]) ?? 0,
                            events: try db.fetchValue("SELECT COUNT(*) " + events, [stamp]) ?? 0)
            }
        }
        return try immediateTransaction { db in
            let deletedRuns = try db.execute("DELETE " + runs, [stamp, crashedBefore])
            return PruneCounts(runs: deletedRuns, events: try db.execute("DELETE " + events, [stamp]))
        }
    }

    /// Jobs whose batch may be deleted on the API: finished (by `finishedBefore`) with nothing left to
    /// retrieve, known by their API name (`batches/...`), and not cleaned up yet. That is every completed,
    /// cancelled or expired job, and a failed one whose batch the API finished (a job that failed for
    /// transient errors may still be retried, and its batch may still hold results). A batch this database
    /// does not hold is never among them. Oldest first, at most `limit`.
    ///
    /// ```swift
    /// for job in try store.remoteCleanupCandidates(finishedBefore: cutoff) { try await client.deleteBatch(job.id) }
    /// ```
    public func remoteCleanupCandidates(finishedBefore: Date, limit: Int? = nil) throws -> [Job] {
        try read { db in
            try db.fetchAll("""
                SELECT * FROM jobs\(db.backend.indexedBy("jobs_remote_cleanup"))
                WHERE remote_deleted_at IS NULL
                  AND COALESCE(completed_at, last_checked_at, submitted_at, created_at) <= ?
                  AND id >= 'batches/' AND id < 'batches0' AND lease_owner IS NULL
                  AND (status IN ('completed', 'cancelled', 'expired')
                       OR (status = 'failed' AND remote_state IN (\(Self.finishedRemoteStates))))
                ORDER BY COALESCE(completed_at, last_checked_at, submitted_at, created_at), id
                \(limit == nil ? "" : "LIMIT ?")
                """, [Timestamp(finishedBefore)] + (limit.map { [max(0, $0)] } ?? [])).map { Job(row: $0) }
        }
    }

    /// The API states after which a batch changes no more, in both spellings the service uses.
    private static let finishedRemoteStates = ["SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED"]
        .flatMap(BatchStateSpelling.allSpellings).map { "'\($0)'" }.joined(separator: ", ")

    /// Records that the job's batch (and input file) is gone from the API, deleted now or found already
    /// gone, with a history line saying which; the job is never offered for cleanup again. Returns false
    /// (and changes nothing) when the job is no longer one to clean up: an operator made it pending again
    /// (`retry --force`) or another run recorded it first.
    ///
    /// ```swift
    /// try await client.deleteBatch(job.id)
    /// try store.markRemoteDeleted(id: job.id, message: "batch deleted on the API")
    /// ```
    @discardableResult
    public func markRemoteDeleted(id: String, message: String, now: Date = Date()) throws -> Bool {
        let stamp = Timestamp(now)
        return try immediateTransaction { db in
            let changed = try db.execute("""
                UPDATE jobs SET remote_deleted_at = ?, updated_at = ?
                WHERE id = ? AND remote_deleted_at IS NULL AND status != 'pending'
                """, [stamp, stamp, id])
            guard changed > 0 else { return false }
            try Self.appendEvent(db, jobID: id, at: stamp, kind: .remoteDeleted, message: message)
            return true
        }
    }

    /// Whether the job is still one whose batch may be deleted: not made pending again, not leased, not
    /// cleaned up by another run meanwhile. Asked again right before each delete call.
    public func isStillRemoteCleanupCandidate(id: String) throws -> Bool {
        try read { db in
            try db.fetchOne("""
                SELECT 1 FROM jobs WHERE id = ? AND remote_deleted_at IS NULL AND status != 'pending' AND lease_owner IS NULL
                """, [id]) != nil
        }
    }

    /// When the job's batch was found deleted or gone on the API, or nil. The id is resolved like ``job(id:)``.
    public func remoteDeletedAt(id: String) throws -> Timestamp? {
        try read { db in
            guard let resolved = try Self.resolveID(db, id) else { return nil }
            return try db.fetchValue("SELECT remote_deleted_at FROM jobs WHERE id = ?", [resolved])
        }
    }
}
