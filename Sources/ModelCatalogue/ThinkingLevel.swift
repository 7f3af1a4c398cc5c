/// `generationConfig.thinkingConfig.thinkingLevel`.
///
/// ```swift
/// try ThinkingLevel.parse("High").apiValue   // "HIGH"
/// ```
public enum ThinkingLevel: String, Sendable, Hashable, CaseIterable {
    case minimal, low, medium, high

    /// The enum name the API takes (as Google's SDK sends it).
    public var apiValue: String { rawValue.uppercased() }

    /// A level word in any case; throws naming the option otherwise.
    public static func parse(_ word: String) throws(ModelRuleError) -> ThinkingLevel {
        guard let level = ThinkingLevel(rawValue: word.lowercased()) else {
            throw ModelRuleError(option: .thinkingLevel, value: word, model: nil,
                                 accepted: "takes \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return level
    }
}
