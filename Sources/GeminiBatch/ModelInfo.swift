import Foundation
import ModelCatalogue

/// A model as `GET /v1beta/models/{model}` (or one entry of `GET /v1beta/models`) describes it. Parsed
/// tolerantly: only `name` is required; unknown fields are ignored, int64 fields may be strings.
///
/// ```swift
/// let info = try await client.getModel("gemini-3-pro-image")
/// info.supportsBatch   // true when supportedGenerationMethods contains "batchGenerateContent"
/// ```
public struct ModelInfo: Sendable, Hashable {
    /// `models/gemini-3-pro-image`.
    public var name: String
    public var displayName: String?
    public var description: String?
    public var version: String?
    public var inputTokenLimit: Int?
    public var outputTokenLimit: Int?
    /// `generateContent`, `batchGenerateContent`, `countTokens`, ...
    public var supportedGenerationMethods: [String]

    public init(name: String, displayName: String? = nil, description: String? = nil, version: String? = nil,
                inputTokenLimit: Int? = nil, outputTokenLimit: Int? = nil, supportedGenerationMethods: [String] = []) {
        self.name = name
        self.displayName = displayName
        self.description = description
        self.version = version
        self.inputTokenLimit = inputTokenLimit
        self.outputTokenLimit = outputTokenLimit
        self.supportedGenerationMethods = supportedGenerationMethods
    }

    /// The bare id (`gemini-3-pro-image`).
    public var id: String { ModelCatalogue.bareID(name) }

    /// Whether batches can be created for it.
    public var supportsBatch: Bool { supportedGenerationMethods.contains("batchGenerateContent") }

    /// One model object; nil without a string `name`. Accepts camelCase and snake_case keys.
    static func parse(_ object: [String: Any]) -> ModelInfo? {
        guard let name = BatchParser.string(object, "name"), !name.isEmpty else { return nil }
        let methods = (object["supportedGenerationMethods"] ?? object["supported_generation_methods"]) as? [Any] ?? []
        return ModelInfo(name: name,
                         displayName: BatchParser.string(object, "displayName", "display_name"),
                         description: BatchParser.string(object, "description"),
                         version: BatchParser.string(object, "version"),
                         inputTokenLimit: BatchParser.int(object, "inputTokenLimit", "input_token_limit"),
                         outputTokenLimit: BatchParser.int(object, "outputTokenLimit", "output_token_limit"),
                         supportedGenerationMethods: methods.compactMap { $0 as? String })
    }
}
