/// The wire values of a batch's `metadata.state`.
public enum BatchState: String, Sendable, Codable, CaseIterable {
    case pending = "BATCH_STATE_PENDING"
    case running = "BATCH_STATE_RUNNING"
    case succeeded = "BATCH_STATE_SUCCEEDED"
    case failed = "BATCH_STATE_FAILED"
    case cancelled = "BATCH_STATE_CANCELLED"
    case expired = "BATCH_STATE_EXPIRED"

    public var isTerminal: Bool {
        switch self {
        case .pending, .running: return false
        case .succeeded, .failed, .cancelled, .expired: return true
        }
    }

    /// Accepts `SUCCEEDED`, `BATCH_STATE_SUCCEEDED` or `JOB_STATE_SUCCEEDED`, any case.
    public init?(loosely text: String) {
        var suffix = text.uppercased()
        for prefix in ["BATCH_STATE_", "JOB_STATE_"] where suffix.hasPrefix(prefix) {
            suffix.removeFirst(prefix.count)
        }
        self.init(rawValue: "BATCH_STATE_" + suffix)
    }
}
