/// One legacy tracking-file entry, already parsed, for ``JobStore/importJobs(_:dryRun:now:)`` and
/// ``JobStore/insertMissingJobs(_:now:)``.
///
/// JSON texts must be canonical (the caller's serialisation, stable key order): the store compares them as text.
///
/// ```swift
/// let entry = JobImport(id: "batches/abc", status: .pending,
///                       submittedAt: Timestamp(microsecondsSinceEpoch: 1_770_498_000_123_456))
/// ```
public struct JobImport: Sendable, Hashable {
    public var id: String
    public var status: JobStatus
    public var remoteState: String?
    public var submittedAt: Timestamp?
    public var lastCheckedAt: Timestamp?
    public var completedAt: Timestamp?
    public var checkCount: Int
    /// JSON object text of `batch_metadata/<id>.json`.
    public var requestMetadataJSON: String?
    /// JSON object text of the entry's unknown fields.
    public var legacyExtraJSON: String?

    public init(id: String, status: JobStatus, remoteState: String? = nil, submittedAt: Timestamp? = nil,
                lastCheckedAt: Timestamp? = nil, completedAt: Timestamp? = nil, checkCount: Int = 0,
                requestMetadataJSON: String? = nil, legacyExtraJSON: String? = nil) {
        self.id = id
        self.status = status
        self.remoteState = remoteState
        self.submittedAt = submittedAt
        self.lastCheckedAt = lastCheckedAt
        self.completedAt = completedAt
        self.checkCount = checkCount
        self.requestMetadataJSON = requestMetadataJSON
        self.legacyExtraJSON = legacyExtraJSON
    }
}
