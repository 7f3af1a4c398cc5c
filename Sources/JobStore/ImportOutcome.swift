/// What an import did with one entry.
public enum ImportOutcome: String, Sendable, Hashable, Codable {
    /// The id was new.
    case inserted
    /// The id existed and at least one column took the incoming value.
    case updated
    /// The id existed and nothing changed (the row was not written at all).
    case unchanged
}
