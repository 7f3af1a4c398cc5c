/// `usageMetadata` of one response: what the actual cost is computed from.
public struct TokenUsage: Sendable, Hashable, Codable {
    public var promptTokens: Int
    public var candidatesTokens: Int
    public var thoughtsTokens: Int
    public var totalTokens: Int

    public init(promptTokens: Int = 0, candidatesTokens: Int = 0, thoughtsTokens: Int = 0, totalTokens: Int = 0) {
        self.promptTokens = promptTokens
        self.candidatesTokens = candidatesTokens
        self.thoughtsTokens = thoughtsTokens
        self.totalTokens = totalTokens
    }
}
