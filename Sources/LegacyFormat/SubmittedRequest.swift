import Foundation
import OrderedJSON

/// One request as `submit` sent it, in the terms of the old tool's `batch_metadata`: what the sidecars of its
/// image will say. Empty title, description, alternative text and caption are filled as the old tool filled
/// them (``RequestMetadata/defaultTitle(at:)``, the prompt's first 200 / 100 characters, the title).
///
/// ```swift
/// let request = SubmittedRequest(key: "req_0", prompt: "A frog reading a newspaper", quality: "pro", imageSize: "large",
///                                submittedAt: Date())
/// request.alternativeText   // "AI-generated image: A frog reading a newspaper"
/// ```
public struct SubmittedRequest: Sendable, Hashable {
    public var key: String
    public var prompt: String
    public var title: String
    public var description: String
    public var alternativeText: String
    public var caption: String
    /// `pro`, `fast` or `lite`: the quality of the model it went to.
    public var quality: String
    /// As given, else the legacy default `1:1`.
    public var aspectRatio: String
    /// As given (the old tool's word or an API value), else the API's default `1K`.
    public var imageSize: String
    /// What was sent as `imageConfig.imageSize`; nil when none was sent.
    public var apiImageSize: String?
    public var referenceImagePaths: [String]
    /// Estimated batch cost in USD; nil when the price table does not know the model.
    public var cost: Double?
    public var thinkingLevel: String?
    public var searchGrounding: Bool
    public var mediaResolution: String?

    public init(key: String, prompt: String, title: String? = nil, description: String? = nil,
                alternativeText: String? = nil, caption: String? = nil, quality: String, aspectRatio: String? = nil,
                imageSize: String, apiImageSize: String? = nil, referenceImagePaths: [String] = [], cost: Double? = nil,
                thinkingLevel: String? = nil, searchGrounding: Bool = false, mediaResolution: String? = nil,
                submittedAt: Date) {
        func given(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        self.key = key
        self.prompt = prompt
        self.title = given(title) ?? RequestMetadata.defaultTitle(at: submittedAt)
        self.description = given(description) ?? Self.prefix(prompt, 200)
        self.alternativeText = given(alternativeText) ?? "AI-generated image: " + Self.prefix(prompt, 100)
        self.caption = given(caption) ?? self.title
        self.quality = quality
        self.aspectRatio = given(aspectRatio) ?? RequestMetadata.defaultAspectRatio
        self.imageSize = imageSize
        self.apiImageSize = apiImageSize
        self.referenceImagePaths = referenceImagePaths
        self.cost = cost
        self.thinkingLevel = thinkingLevel
        self.searchGrounding = searchGrounding
        self.mediaResolution = mediaResolution
    }

    /// The entry under `requests` in `batch_metadata`.
    public var json: JSONObject {
        var object = JSONObject()
        object["key"] = JSONValue(key)
        object["prompt"] = JSONValue(prompt)
        object["title"] = JSONValue(title)
        object["description"] = JSONValue(description)
        object["alternative_text"] = JSONValue(alternativeText)
        object["caption"] = JSONValue(caption)
        object["quality"] = JSONValue(quality)
        object["aspect_ratio"] = JSONValue(aspectRatio)
        object["image_size"] = JSONValue(imageSize)
        object["api_image_size"] = JSONValue(apiImageSize)
        object["reference_image_paths"] = .array(referenceImagePaths.map(JSONValue.string))
        object["cost"] = Self.usd(cost)
        object["thinking_level"] = JSONValue(thinkingLevel)
        object["search_grounding"] = JSONValue(searchGrounding)
        object["media_resolution"] = JSONValue(mediaResolution)
        return object
    }

    /// Python's `text[:count]`: the first `count` code points.
    static func prefix(_ text: String, _ count: Int) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(count)))
    }

    /// A cost as a JSON number, or null when unknown.
    static func usd(_ value: Double?) -> JSONValue {
        value.flatMap { JSONNumber($0) }.map(JSONValue.number) ?? .null
    }
}
