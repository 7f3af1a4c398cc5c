/// Why a submission did not go through.
public enum SubmitError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Bad input (an option, a prompts file, a reference image, a value the model refuses): nothing was
    /// recorded or sent. The command exits 2.
    case invalidInput(String)
    /// The API refused the batch (`intent` names the failed job that records the refusal, when one was kept).
    case rejected(reason: String, intent: String?)
    /// The service refused the API key; nothing was recorded.
    case keyRejected(String)
    /// The batch's JSONL input file could not be uploaded (or the service could not process it): no batch was
    /// created and nothing was recorded.
    case uploadFailed(String)
    /// The API may or may not have created the batch and it could not be found; the local intent is kept.
    case outcomeUnknown(intent: String, reason: String)

    public var description: String {
        switch self {
        case .invalidInput(let reason): reason
        case .rejected(let reason, let intent):
            "the API refused the batch: \(reason)" + (intent.map { " (recorded as failed job \($0))" } ?? "")
        case .keyRejected(let reason): "the API refused the key (\(reason)); nothing was submitted"
        case .uploadFailed(let reason): "the batch's input file could not be uploaded (\(reason)); nothing was submitted"
        case .outcomeUnknown(let intent, let reason):
            "could not confirm the batch was created (\(reason)); recorded as \(intent), look it up before submitting again"
        }
    }
}
