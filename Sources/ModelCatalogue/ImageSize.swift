/// Image sizes: the API's values (`512`, `1K`, `2K`, `4K`, exact case on the wire) and the old tool's words,
/// mapped as the old tool mapped them (`gemini_batch.py` size_map): small → 1K, medium → 2K, large → 2K,
/// xlarge → 4K.
///
/// ```swift
/// try ImageSize.apiValue("large")   // "2K"
/// try ImageSize.apiValue("4k")      // "4K"
/// ```
public enum ImageSize {
    /// What the service makes when no `imageSize` is sent.
    public static let apiDefault = "1K"
    /// Every value the API knows, smallest first.
    public static let apiValues = ["512", "1K", "2K", "4K"]
    /// The old tool's words and the size each stands for.
    public static let words: [(word: String, size: String)] = [("small", "1K"), ("medium", "2K"), ("large", "2K"), ("xlarge", "4K")]

    /// The API value for a word or an API value in any case; throws naming the option otherwise.
    public static func apiValue(_ given: String) throws(ModelRuleError) -> String {
        let lowered = given.lowercased()
        if let word = words.first(where: { $0.word == lowered }) { return word.size }
        if let value = apiValues.first(where: { $0.lowercased() == lowered }) { return value }
        throw ModelRuleError(option: .imageSize, value: given, model: nil,
                             accepted: "takes \(apiValues.joined(separator: ", ")) or small, medium, large, xlarge")
    }

    /// ` (or small, large, ...)`: the words that map onto `sizes`, for messages.
    static func wordsHint(for sizes: [String]) -> String {
        let usable = words.filter { sizes.contains($0.size) }.map { "\($0.word)=\($0.size)" }
        return usable.isEmpty ? "" : " (or \(usable.joined(separator: ", ")))"
    }
}
