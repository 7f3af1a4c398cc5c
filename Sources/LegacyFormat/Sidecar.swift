import Foundation
import OrderedJSON
import AtomicFiles

/// The metadata sidecar `json/<image file name>.json` written next to every image, in the legacy
/// format. Other tools add keys later (WordPress media ids): rewriting keeps every key it did not write.
///
/// ```swift
/// let sidecar = Sidecar.original(request: metadata, model: model, created: Date())
/// try Sidecar.write(sidecar, to: paths.jsonFolder.appendingPathComponent("cat.png.json"))
/// ```
public enum Sidecar {
    /// The sidecar of an original image; `quality` 100 as the legacy checker wrote.
    public static func original(request: RequestMetadata, model: String, created: Date) -> JSONObject {
        var object = JSONObject()
        object["date_time_created"] = .string(LegacyTime.format(LegacyTime.micros(created)))
        object["prompt"] = JSONValue(request.prompt ?? "")
        object["title"] = JSONValue(request.title ?? "")
        object["description"] = JSONValue(request.description ?? "")
        object["alternative_text"] = JSONValue(request.alternativeText ?? "")
        object["caption"] = JSONValue(request.caption ?? "")
        object["provider"] = .string(request.provider)
        object["model"] = .string(model)
        object["aspect_ratio"] = .string(request.aspectRatio)
        object["image_size"] = .string(request.imageSize)
        object["quality"] = JSONValue(100)
        object["cost"] = request.cost
        let references = request.referenceImagePaths
        if !references.isEmpty { object["reference_images"] = .array(references.map(JSONValue.string)) }
        return object
    }

    /// The WebP sidecar: the original's object with a new creation time and the WebP quality.
    public static func webp(from original: JSONObject, quality: Int, created: Date) -> JSONObject {
        var object = original
        object["date_time_created"] = .string(LegacyTime.format(LegacyTime.micros(created)))
        object["quality"] = JSONValue(quality)
        return object
    }

    /// Writes a sidecar atomically; keys already in an existing file that `object` lacks are kept.
    public static func write(_ object: JSONObject, to url: URL) throws(LegacyFormatError) {
        var merged = object
        if let existing = try? BatchMetadataFolder.read(url) {
            merged = existing
            for (key, value) in object.pairs { merged[key] = value }
        }
        do {
            try AtomicFile.write(JSONValue.object(merged).serializedBytes(style: .pretty), to: url)
        } catch {
            throw .writeFailed(file: url.path, reason: error.description)
        }
    }
}
