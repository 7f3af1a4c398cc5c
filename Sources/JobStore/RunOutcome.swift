/// How a check run ended.
public enum RunOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    /// The run went through (whatever individual jobs did).
    case completed
    /// The run stopped on a fatal error.
    case failed
}
