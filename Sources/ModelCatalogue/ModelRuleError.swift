/// A value a model (or every model) refuses, naming the option and what is accepted.
///
/// ```swift
/// // --image-size 4K: gemini-3.1-flash-lite-image makes 1K images only and takes no image size
/// print(error.description)
/// print(error.describe(asField: true))   // image_size "4K": gemini-3.1-flash-lite-image makes ...
/// ```
public struct ModelRuleError: Error, Sendable, Hashable, CustomStringConvertible {
    public var option: ImageOption
    /// The value as the user gave it.
    public var value: String
    /// The model whose rule refused it; nil when no model could take it.
    public var model: String?
    /// What is accepted, as a phrase: "takes 1K, 2K, 4K".
    public var accepted: String

    public init(option: ImageOption, value: String, model: String?, accepted: String) {
        self.option = option
        self.value = value
        self.model = model
        self.accepted = accepted
    }

    /// As a command-line problem: `--aspect-ratio 1:8: gemini-3-pro-image takes 1:1, ...`.
    public var description: String { describe(asField: false) }

    /// With `asField`, the option is named as in a prompts file or an MCP call (`aspect_ratio "1:8"`).
    public func describe(asField: Bool) -> String {
        let subject = asField ? "\(option.field) \"\(value)\"" : "\(option.flag) \(value)"
        return "\(subject): \(model ?? "the option") \(accepted)"
    }
}
