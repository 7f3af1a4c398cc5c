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

extension Job {
    init(row: StoreRow) {
        self.init(row: row, columns: JobColumns(row))
    }

    /// Decodes by position: a lookup by name on every access dominated exporting 100k jobs.
    /// `columns` is computed once per statement.
    init(row: StoreRow, columns: JobColumns) {
        id = row[columns.id]
        status = row[columns.status]
        remoteState = row[columns.remoteState]
        displayName = row[columns.displayName]
        submittedAt = row[columns.submittedAt]
        lastCheckedAt = row[columns.lastCheckedAt]
        completedAt = row[columns.completedAt]
        checkCount = row[columns.checkCount]
        attempts = row[columns.attempts]
        nextCheckAt = row[columns.nextCheckAt]
        lastError = row[columns.lastError]
        notFoundCount = row[columns.notFoundCount]
        leaseOwner = row[columns.leaseOwner]
        leaseExpiresAt = row[columns.leaseExpiresAt]
        fencingToken = row[columns.fencingToken]
        requestMetadataJSON = row[columns.requestMetadata]
        legacyExtraJSON = row[columns.legacyExtra]
        createdAt = row[columns.createdAt]
        updatedAt = row[columns.updatedAt]
    }
}

/// Where each `jobs` column sits in a statement's rows.
struct JobColumns {
    let id, status, remoteState, displayName, submittedAt, lastCheckedAt, completedAt, checkCount, attempts,
        nextCheckAt, lastError, notFoundCount, leaseOwner, leaseExpiresAt, fencingToken, requestMetadata,
        legacyExtra, createdAt, updatedAt: Int

    init(_ row: StoreRow) {
        let names = row.columnNames
        func index(_ name: String) -> Int {
            guard let index = names.firstIndex(of: name) else { fatalError("jobs row without column \(name)") }
            return index
        }
        id = index("id"); status = index("status"); remoteState = index("remote_state")
        displayName = index("display_name"); submittedAt = index("submitted_at")
        lastCheckedAt = index("last_checked_at"); completedAt = index("completed_at")
        checkCount = index("check_count"); attempts = index("attempts"); nextCheckAt = index("next_check_at")
        lastError = index("last_error"); notFoundCount = index("not_found_count"); leaseOwner = index("lease_owner")
        leaseExpiresAt = index("lease_expires_at"); fencingToken = index("fencing_token")
        requestMetadata = index("request_metadata"); legacyExtra = index("legacy_extra")
        createdAt = index("created_at"); updatedAt = index("updated_at")
    }
}
