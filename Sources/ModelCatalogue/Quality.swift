/// The old tool's `quality` word: which model a request goes to when no model is named.
///
/// ```swift
/// ModelCatalogue.model(for: .fast).id   // "gemini-3.1-flash-image"
/// ```
public enum Quality: String, Sendable, Hashable, CaseIterable {
    /// gemini-3-pro-image.
    case pro
    /// gemini-3.1-flash-image.
    case fast
    /// gemini-3.1-flash-lite-image; recorded in metadata, not an old-tool word.
    case lite

    /// The words `--quality` takes (the old tool's two).
    public static let words: [Quality] = [.pro, .fast]

    /// `pro` or `fast` (any case); throws naming the option otherwise.
    public static func parse(_ word: String) throws(ModelRuleError) -> Quality {
        guard let quality = Quality(rawValue: word.lowercased()), words.contains(quality) else {
            throw ModelRuleError(option: .quality, value: word, model: nil,
                                 accepted: "takes pro (gemini-3-pro-image) or fast (gemini-3.1-flash-image)")
        }
        return quality
    }
}
