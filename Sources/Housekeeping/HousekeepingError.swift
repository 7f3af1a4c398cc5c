/// Why a housekeeping command (`cost`, `prune`, `resubmit`) did not do its work.
public enum HousekeepingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A bad option value, or a job that cannot be resubmitted as asked; the message names the option or
    /// the job. Nothing was changed or sent. The command exits 2.
    case invalidInput(String)
    /// The service refused the API key; the cleanup stopped where it was (what was deleted is recorded).
    case keyRejected(String)

    public var description: String {
        switch self {
        case .invalidInput(let message): message
        case .keyRejected(let reason): "the API refused the key (\(reason)); the remote cleanup stopped"
        }
    }
}
