import BatchStateSpelling

/// A batch's `metadata.state`; raw values are the words after the prefix (``wireValue`` is what is sent).
public enum BatchState: String, Sendable, Codable, CaseIterable {
    case pending = "PENDING"
    case running = "RUNNING"
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case cancelled = "CANCELLED"
    case expired = "EXPIRED"

    /// `BATCH_STATE_*`, as the REST API writes it.
    public var wireValue: String { BatchStateSpelling.wire(rawValue) }

    public var isTerminal: Bool {
        switch self {
        case .pending, .running: return false
        case .succeeded, .failed, .cancelled, .expired: return true
        }
    }

    /// Accepts `SUCCEEDED`, `BATCH_STATE_SUCCEEDED` or `JOB_STATE_SUCCEEDED`, any case.
    public init?(loosely text: String) {
        self.init(rawValue: BatchStateSpelling.suffix(of: text).uppercased())
    }
}
