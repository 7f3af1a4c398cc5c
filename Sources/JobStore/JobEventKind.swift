/// What happened to a job, as one history row (`job_events.kind`) records it.
///
/// Raw values are the words stored in the database and printed by `show`; they never change, since
/// older databases hold them. A word this binary does not know (written by a newer one) reads as
/// ``unknown(_:)`` rather than failing the whole history.
///
/// ```swift
/// let retries = try store.events(jobID: id).filter { $0.kind == .retry }
/// ```
public enum JobEventKind: Sendable, Hashable, CustomStringConvertible {
    case imported, importUpdated
    case intent, submitted
    case checked, transientError, notFound, imageFailed
    case completed, failed, cancelled, expired
    case retry
    case resubmitted, resubmission
    case remoteDeleted
    case unknown(String)

    private static let known: [JobEventKind] = [
        .imported, .importUpdated, .intent, .submitted, .checked, .transientError, .notFound, .imageFailed,
        .completed, .failed, .cancelled, .expired, .retry, .resubmitted, .resubmission, .remoteDeleted,
    ]

    public init(rawValue: String) {
        self = Self.known.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    /// The terminal status's own word (`completed`, `failed`, ...): finishing a job records it.
    public init(finishedAs status: JobStatus) {
        self.init(rawValue: status.rawValue)
    }

    public var rawValue: String {
        switch self {
        case .imported: "imported"
        case .importUpdated: "import-updated"
        case .intent: "intent"
        case .submitted: "submitted"
        case .checked: "checked"
        case .transientError: "transient-error"
        case .notFound: "not-found"
        case .imageFailed: "image-failed"
        case .completed: "completed"
        case .failed: "failed"
        case .cancelled: "cancelled"
        case .expired: "expired"
        case .retry: "retry"
        case .resubmitted: "resubmitted"
        case .resubmission: "resubmission"
        case .remoteDeleted: "remote-deleted"
        case .unknown(let word): word
        }
    }

    public var description: String { rawValue }
}
