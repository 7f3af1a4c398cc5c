import OrderedJSON

/// One model the emulator serves, with the request rules the real service applies to it
/// (the service's model rules of late 2026; the ids, sizes and ratios come from ModelCatalogue).
///
/// ```swift
/// let model = EmulatorModels.live(id: "gemini-3.1-flash-image")!
/// model.imageSizes      // ["512", "1K", "2K", "4K"]
/// model.thinks          // true: answers carry thought parts
/// ```
public struct EmulatedModel: Sendable, Equatable {
    /// The id without `models/`, e.g. `gemini-3-pro-image`.
    public var id: String
    public var displayName: String
    public var version: String
    public var description: String
    public var inputTokenLimit: Int
    public var outputTokenLimit: Int
    /// Accepted `imageConfig.imageSize` values (exact case); nil when the model refuses the field.
    public var imageSizes: [String]?
    /// Accepted `imageConfig.aspectRatio` values.
    public var aspectRatios: [String]

    /// Aspect ratios every live image model takes.
    public static let standardAspectRatios = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"]
    /// Thinking levels of `thinkingConfig.thinkingLevel` (any case).
    public static let thinkingLevels = ["minimal", "low", "medium", "high"]

    /// Gemini 3 models think: their answers carry thought text and draft images before the final image.
    public var thinks: Bool { Self.thinks(id) }

    /// Whether an id, live or not, names a Gemini 3 model.
    public static func thinks(_ id: String) -> Bool { id.hasPrefix("gemini-3") }

    /// The model resource as `GET models/{m}` and `GET models` serve it.
    var resource: JSONValue {
        .object(JSONObject([
            ("name", .string("models/" + id)),
            ("version", .string(version)),
            ("displayName", .string(displayName)),
            ("description", .string(description)),
            ("inputTokenLimit", JSONValue(inputTokenLimit)),
            ("outputTokenLimit", JSONValue(outputTokenLimit)),
            ("supportedGenerationMethods", .array(["generateContent", "countTokens", "batchGenerateContent"].map(JSONValue.string))),
            ("temperature", JSONValue(1.0)),
            ("topP", JSONValue(0.95)),
            ("topK", JSONValue(64)),
            ("maxTemperature", JSONValue(2.0)),
            ("thinking", .bool(thinks)),
        ]))
    }
}
