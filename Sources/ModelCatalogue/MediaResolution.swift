/// `generationConfig.mediaResolution`: how finely input images (the references) are read.
///
/// ```swift
/// try MediaResolution.parse("low").apiValue   // "MEDIA_RESOLUTION_LOW"
/// ```
public enum MediaResolution: String, Sendable, Hashable, CaseIterable {
    case low, medium, high

    public var apiValue: String { "MEDIA_RESOLUTION_" + rawValue.uppercased() }

    /// `low`, `medium`, `high` (any case, or the API's `MEDIA_RESOLUTION_*` names); throws naming the option otherwise.
    public static func parse(_ word: String) throws(ModelRuleError) -> MediaResolution {
        var text = word.lowercased()
        if text.hasPrefix("media_resolution_") { text.removeFirst("media_resolution_".count) }
        guard let resolution = MediaResolution(rawValue: text) else {
            throw ModelRuleError(option: .mediaResolution, value: word, model: nil,
                                 accepted: "takes \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return resolution
    }
}
