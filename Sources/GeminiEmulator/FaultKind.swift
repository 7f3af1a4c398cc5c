/// A failure the emulator can inject into API requests (never into `/_emulator/` control requests).
///
/// ```swift
/// configuration.faultKinds = [.tooManyRequests, .dropConnection]
/// configuration.faultRate = 0.2
/// ```
public enum FaultKind: String, Sendable, CaseIterable, Codable {
    /// 429 RESOURCE_EXHAUSTED with `Retry-After`; the request is not processed.
    case tooManyRequests = "429"
    /// 500 INTERNAL; the request is not processed.
    case internalError = "500"
    /// 503 UNAVAILABLE; the request is not processed.
    case unavailable = "503"
    /// The request IS processed, then the connection closes without a single byte of answer,
    /// which is the case that makes clients think twice before re-sending a create.
    case dropConnection = "drop"
    /// The request IS processed, then half the body is sent under the full Content-Length and the
    /// connection closes.
    case truncatedBody = "truncate"

    /// Parses a comma-separated list such as `429,500,503,drop,truncate`.
    public static func parseList(_ text: String) throws -> Set<FaultKind> {
        var kinds = Set<FaultKind>()
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let kind = FaultKind(rawValue: name) else {
                throw EmulatorError.invalidArgument(
                    "unknown fault kind '\(name)'; expected one of 429, 500, 503, drop, truncate")
            }
            kinds.insert(kind)
        }
        return kinds
    }
}
