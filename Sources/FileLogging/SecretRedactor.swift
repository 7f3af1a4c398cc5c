/// Replaces known secrets (the API key) with `[REDACTED]` in every log line: the last line of
/// defence should some error text or URL ever carry the key.
///
/// ```swift
/// let redactor = SecretRedactor(secrets: [apiKey])
/// redactor.redact("GET /v1/batches?key=\(apiKey)")   // "GET /v1/batches?key=[REDACTED]"
/// ```
public struct SecretRedactor: Sendable, Equatable {
    public static let replacement = "[REDACTED]"

    /// Secrets longer than 3 characters; shorter ones would redact ordinary words.
    public let secrets: [String]

    public init(secrets: [String] = []) {
        // Longest first, so a secret that contains another is replaced whole.
        self.secrets = Set(secrets.filter { $0.count > 3 }).sorted { $0.count > $1.count }
    }

    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.replacement)
        }
        return result
    }
}
