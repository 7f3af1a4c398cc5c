import GRDB

/// One row of `jobs`: a batch that pfc-jobs tracks.
///
/// ```swift
/// if let job = try store.job(id: "abc") {   // same as "batches/abc"
///     print(job.id, job.status, job.remoteState ?? "-")
/// }
/// ```
public struct Job: Sendable, Hashable, Identifiable {
    /// The API batch name (`batches/...`), a legacy made-up id, or `local/<uuid>` for an unsent submit intent.
    public var id: String
    public var status: JobStatus
    /// The remote state verbatim, e.g. `BATCH_STATE_RUNNING`.
    public var remoteState: String?
    /// The display name sent with a submission.
    public var displayName: String?
    public var submittedAt: Timestamp?
    public var lastCheckedAt: Timestamp?
    public var completedAt: Timestamp?
    /// How many times the checker has looked at the batch (the legacy `check_count`).
    public var checkCount: Int
    /// Consecutive transient failures; the job fails when this reaches the configured maximum.
    public var attempts: Int
    /// The checker does not claim the job before this time.
    public var nextCheckAt: Timestamp
    public var lastError: String?
    /// Consecutive "batch not found" answers; one is not enough to fail a job.
    public var notFoundCount: Int
    public var leaseOwner: String?
    public var leaseExpiresAt: Timestamp?
    /// Raised by every claim (and by operator actions that take a job away from a holder).
    public var fencingToken: Int64
    /// JSON object text of the legacy `batch_metadata/<id>.json` (what was asked for).
    public var requestMetadataJSON: String?
    /// JSON object text of tracking-file fields pfc-jobs does not know, written back on export.
    public var legacyExtraJSON: String?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    /// True for a `local/...` placeholder created by ``JobStore/createIntent(displayName:requestMetadataJSON:now:)``
    /// that has not been bound to an API batch name yet. The checker never claims these.
    public var isUnboundIntent: Bool { id.hasPrefix(JobStore.intentIDPrefix) }
}

extension Job: FetchableRecord {
    public init(row: Row) throws {
        id = row["id"]
        status = row["status"]
        remoteState = row["remote_state"]
        displayName = row["display_name"]
        submittedAt = row["submitted_at"]
        lastCheckedAt = row["last_checked_at"]
        completedAt = row["completed_at"]
        checkCount = row["check_count"]
        attempts = row["attempts"]
        nextCheckAt = row["next_check_at"]
        lastError = row["last_error"]
        notFoundCount = row["not_found_count"]
        leaseOwner = row["lease_owner"]
        leaseExpiresAt = row["lease_expires_at"]
        fencingToken = row["fencing_token"]
        requestMetadataJSON = row["request_metadata"]
        legacyExtraJSON = row["legacy_extra"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
    }
}
