/// Why a check run stopped as a whole (exit 1). Problems of single jobs never end the run.
public enum CheckerError: Error, Sendable, CustomStringConvertible {
    /// The API refused the key (401/403, or 400 API_KEY_INVALID / API_KEY_EXPIRED): every job would fail the
    /// same way, so none is touched.
    case authenticationRejected(String)

    public var description: String {
        switch self {
        case .authenticationRejected(let message): "the Gemini API rejected the API key: \(message)"
        }
    }
}
