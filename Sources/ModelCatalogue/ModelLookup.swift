/// The answer of ``ModelCatalogue/lookup(_:)``.
public enum ModelLookup: Sendable, Hashable {
    /// A model the service serves, with its rules.
    case live(ImageModel)
    /// A shut-down id: the service answers 404; use the replacement.
    case retired(RetiredModel)
    /// Not in the catalogue (a newer model, or a typo): nothing can be checked locally; the service decides.
    case unknown(String)

    /// The id to use instead, for a retired one.
    public var replacement: String? {
        if case .retired(let gone) = self { return gone.replacement }
        return nil
    }
}
