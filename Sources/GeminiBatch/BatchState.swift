import BatchStateSpelling

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
        switch BatchStateSpelling.suffix(of: trimmed).uppercased() {
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
        case .unspecified: BatchStateSpelling.wire("UNSPECIFIED")
        case .pending: BatchStateSpelling.wire("PENDING")
        case .running: BatchStateSpelling.wire("RUNNING")
        case .succeeded: BatchStateSpelling.wire("SUCCEEDED")
        case .failed: BatchStateSpelling.wire("FAILED")
        case .cancelled: BatchStateSpelling.wire("CANCELLED")
        case .expired: BatchStateSpelling.wire("EXPIRED")
        case .unknown(let raw): raw
        }
    }

    public var description: String { wireValue }
}
