import OrderedJSON

/// One job of `metadata/batch_jobs_tracking.json`, with the fields the legacy tools know and any
/// others kept verbatim (in their order) so that export writes them back.
public struct TrackingEntry: Sendable, Equatable {
    /// The key of the entry in the file: the job id.
    public var id: String
    public var status: String?
    public var submittedAt: Int64?
    public var lastChecked: Int64?
    public var completedAt: Int64?
    public var retrieved: Bool?
    public var checkCount: Int?
    /// Fields the legacy tools did not define; written back unchanged.
    public var extraFields: JSONObject

    public init(id: String, status: String? = nil, submittedAt: Int64? = nil, lastChecked: Int64? = nil,
                completedAt: Int64? = nil, retrieved: Bool? = nil, checkCount: Int? = nil,
                extraFields: JSONObject = JSONObject()) {
        self.id = id
        self.status = status
        self.submittedAt = submittedAt
        self.lastChecked = lastChecked
        self.completedAt = completedAt
        self.retrieved = retrieved
        self.checkCount = checkCount
        self.extraFields = extraFields
    }

    /// The seven fields of the legacy format, in the order the legacy writer used.
    public static let legacyFields = ["batch_job_id", "status", "submitted_at", "last_checked", "completed_at",
                                      "retrieved", "check_count"]
}
