/// What the database says about the installation as a whole, for the metrics file: read by
/// ``JobStore/storeFigures(now:)`` in one read transaction, so every figure describes the same moment.
///
/// ```swift
/// let figures = try store.storeFigures()
/// print(figures.jobsByStatus[.pending] ?? 0, figures.retrievedBytes)
/// ```
public struct StoreFigures: Sendable, Equatable {
    /// Cost sums of one model's jobs, from the request metadata `submit` and the checker record.
    public struct Cost: Sendable, Equatable {
        /// Sum of `estimated_cost_usd` (recorded by `submit`; legacy jobs have none).
        public var estimatedUSD: Double = 0
        /// Sum of `actual_cost_usd` (recorded when the results were retrieved).
        public var actualUSD: Double = 0
        /// Jobs of this model.
        public var jobs = 0

        public init(estimatedUSD: Double = 0, actualUSD: Double = 0, jobs: Int = 0) {
            self.estimatedUSD = estimatedUSD
            self.actualUSD = actualUSD
            self.jobs = jobs
        }
    }

    /// History events of failed API calls, grouped by the start of their error text (so a reader can tell
    /// the HTTP status or the kind of transport failure without reading every event).
    public struct ErrorEvents: Sendable, Equatable {
        /// `transient-error`, `not-found` or `failed`.
        public var kind: String
        /// The error text's first characters (at most 160, after the `attempt N of M: ` prefix of a transient error).
        public var head: String
        public var count: Int

        public init(kind: String, head: String, count: Int) {
            self.kind = kind
            self.head = head
            self.count = count
        }
    }

    /// Every status, with 0 for those no job has.
    public var jobsByStatus: [JobStatus: Int] = [:]
    /// Every image state, with 0 for those no image has.
    public var imagesByState: [ImageState: Int] = [:]
    /// Bytes of the retrieved originals (done images).
    public var retrievedBytes: Int64 = 0
    /// Bytes of the WebP files made from them.
    public var webpBytes: Int64 = 0
    /// Submit time (else creation time) of the oldest pending job; nil when none is pending.
    public var oldestPendingSince: Timestamp?
    /// By model id (`unknown` when the metadata names none).
    public var costByModel: [String: Cost] = [:]
    /// The run that finished last (whatever its outcome).
    public var lastFinishedRun: RunRecord?
    /// When the last run of each outcome finished.
    public var lastFinishByOutcome: [RunOutcome: Timestamp] = [:]
    public var errorEvents: [ErrorEvents] = []

    public init() {}
}
