import Foundation

/// A batch job as read from a get, list or create answer (a long-running Operation).
///
/// ```swift
/// let batch = try await client.getBatch("batches/abc")
/// if batch.state == .succeeded, case .inline(let items) = batch.output { for item in items { /* ... */ } }
/// ```
public struct Batch: Sendable, Hashable {
    /// Full resource name, `batches/<id>`.
    public var name: String
    public var state: BatchState
    public var displayName: String?
    public var model: String?
    public var createTime: Date?
    public var updateTime: Date?
    public var endTime: Date?
    public var stats: BatchStats
    public var output: BatchOutput?
    /// The Operation-level `error`, set when the job FAILED.
    public var error: RPCStatus?

    public init(
        name: String, state: BatchState, displayName: String? = nil, model: String? = nil,
        createTime: Date? = nil, updateTime: Date? = nil, endTime: Date? = nil,
        stats: BatchStats = BatchStats(), output: BatchOutput? = nil, error: RPCStatus? = nil
    ) {
        self.name = name
        self.state = state
        self.displayName = displayName
        self.model = model
        self.createTime = createTime
        self.updateTime = updateTime
        self.endTime = endTime
        self.stats = stats
        self.output = output
        self.error = error
    }
}

/// Where a finished batch put its results.
public enum BatchOutput: Sendable, Hashable {
    /// Results carried in the Operation body, in input order (read from disk when the answer was large).
    case inline(BatchItems)
    /// A generated file (`files/<id>`) to fetch with `GeminiBatchClient.downloadResponsesFile`.
    case responsesFile(String)
}

/// `batchStats`; the wire sends int64 as strings and leaves zero counts out.
public struct BatchStats: Sendable, Hashable {
    public var requestCount: Int
    public var successfulRequestCount: Int
    public var failedRequestCount: Int
    public var pendingRequestCount: Int

    public init(requestCount: Int = 0, successfulRequestCount: Int = 0, failedRequestCount: Int = 0,
                pendingRequestCount: Int = 0) {
        self.requestCount = requestCount
        self.successfulRequestCount = successfulRequestCount
        self.failedRequestCount = failedRequestCount
        self.pendingRequestCount = pendingRequestCount
    }
}
