/// State of a batch job, normalised from the wire's `BATCH_STATE_*` and the SDK's `JOB_STATE_*` spellings.
///
/// ```swift
/// BatchState(wire: "BATCH_STATE_SUCCEEDED") == BatchState(wire: "JOB_STATE_SUCCEEDED") // true
/// BatchState(wire: "BATCH_STATE_PAUSED").isTerminal // false: unknown states are not finished
/// ```
public enum BatchState: Sendable, Hashable, CustomStringConvertible {
    case unspecified
    case pending
    case running
    case succeeded
    case failed
    case cancelled
    case expired
    /// A state this client does not know, kept verbatim; treated as not finished.
    case unknown(String)

    public init(wire: String) {
        let trimmed = wire.trimmingCharacters(in: .whitespaces)
        var suffix = trimmed.uppercased()
        for prefix in ["BATCH_STATE_", "JOB_STATE_"] where suffix.hasPrefix(prefix) {
            suffix = String(suffix.dropFirst(prefix.count))
            break
        }
        switch suffix {
        case "UNSPECIFIED": self = .unspecified
        case "PENDING", "QUEUED": self = .pending
        case "RUNNING": self = .running
        case "SUCCEEDED": self = .succeeded
        case "FAILED": self = .failed
        case "CANCELLED": self = .cancelled
        case "EXPIRED": self = .expired
        default: self = .unknown(trimmed)
        }
    }

    /// SUCCEEDED, FAILED, CANCELLED and EXPIRED: the job will not change any more.
    public var isTerminal: Bool {
        switch self {
        case .succeeded, .failed, .cancelled, .expired: true
        case .unspecified, .pending, .running, .unknown: false
        }
    }

    /// The canonical wire spelling (`BATCH_STATE_*`), or the verbatim string for an unknown state.
    public var wireValue: String {
        switch self {
        case .unspecified: "BATCH_STATE_UNSPECIFIED"
        case .pending: "BATCH_STATE_PENDING"
        case .running: "BATCH_STATE_RUNNING"
        case .succeeded: "BATCH_STATE_SUCCEEDED"
        case .failed: "BATCH_STATE_FAILED"
        case .cancelled: "BATCH_STATE_CANCELLED"
        case .expired: "BATCH_STATE_EXPIRED"
        case .unknown(let raw): raw
        }
    }

    public var description: String { wireValue }
}
