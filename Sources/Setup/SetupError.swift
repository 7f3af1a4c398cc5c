/// Why `init` stopped; each message names the file or flag to fix.
public enum SetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `--api-key-from-env` without `GEMINI_API_KEY` in the environment.
    case apiKeyNotInEnvironment
    /// An answer or flag that cannot be used (e.g. an interval outside 5...1440).
    case invalidAnswer(field: String, value: String, allowed: String)
    /// A file or folder could not be written.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .apiKeyNotInEnvironment:
            "--api-key-from-env: GEMINI_API_KEY is not set in the environment"
        case let .invalidAnswer(field, value, allowed):
            "\(field): \"\(value)\" is not allowed (\(allowed))"
        case let .cannotWrite(path, reason):
            "\(path): cannot write: \(reason)"
        }
    }
}
