import OrderedJSON

/// A job's request metadata (the `batch_metadata` object) read with the legacy checker's defaults:
/// provider "gemini", quality "pro", aspect ratio "1:1", image size "large", cost 0.0, no WebP, quality 85.
public struct RequestMetadata: Sendable, Equatable {
    public var object: JSONObject

    public init(_ object: JSONObject = JSONObject()) { self.object = object }

    public var prompt: String? { object["prompt"]?.stringValue }
    public var title: String? { object["title"]?.stringValue }
    public var description: String? { object["description"]?.stringValue }
    public var alternativeText: String? { object["alternative_text"]?.stringValue }
    public var caption: String? { object["caption"]?.stringValue }
    public var provider: String { object["provider"]?.stringValue ?? "gemini" }
    public var quality: String { object["quality"]?.stringValue ?? "pro" }
    public var aspectRatio: String { object["aspect_ratio"]?.stringValue ?? "1:1" }
    public var imageSize: String { object["image_size"]?.stringValue ?? "large" }
    public var model: String? { object["model"]?.stringValue }
    public var cost: JSONValue { object["cost"].flatMap { $0.numberValue == nil ? nil : $0 } ?? .number(JSONNumber(0.0)!) }
    public var convertToWebP: Bool { object["convert_to_webp"]?.boolValue ?? false }
    public var webpQuality: Int { object["webp_quality"]?.numberValue?.intValue.map { min(max($0, 0), 100) } ?? 85 }
    public var referenceImagePaths: [String] {
        object["reference_image_paths"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
