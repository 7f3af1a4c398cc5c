import Foundation
import OrderedJSON
import AtomicFiles
#if canImport(Glibc)
import Glibc
#endif

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
    ///
    /// A file already at the name is rewritten only when it is one of ours: a JSON object with the same
    /// `prompt` and `model` (an earlier, interrupted run wrote it, and other tools may have added keys).
    /// Anything else is never replaced: a user's own file (``LegacyFormatError/notOurs(file:)``), a
    /// symbolic link or a special file (``LegacyFormatError/refused(file:reason:)``), each named.
    /// ``canWrite(_:to:)`` tells beforehand, so a caller can choose another name.
    public static func write(_ object: JSONObject, to url: URL) throws(LegacyFormatError) {
        // Twice: a file appearing between the look and a no-replace create is looked at again.
        for _ in 0..<2 {
            guard let existing = try existingSidecar(at: url, for: object) else {
                do throws(AtomicFileError) {
                    try AtomicFile.writeNew(JSONValue.object(object).serializedBytes(style: .pretty), to: url)
                    return
                } catch where error.code == EEXIST {
                    continue
                } catch {
                    throw .writeFailed(file: url.path, reason: error.description)
                }
            }
            var merged = existing
            for (key, value) in object.pairs { merged[key] = value }
            do {
                try AtomicFile.write(JSONValue.object(merged).serializedBytes(style: .pretty), to: url)
                return
            } catch {
                throw .writeFailed(file: url.path, reason: error.description)
            }
        }
        throw .notOurs(file: url.path)
    }

    /// True when ``write(_:to:)`` would write `object` at `url`: nothing is there, or a sidecar of ours.
    public static func canWrite(_ object: JSONObject, to url: URL) -> Bool {
        (try? existingSidecar(at: url, for: object)) != nil || !nameIsTaken(url)
    }

    /// The sidecar of ours at `url`, or nil when there is no file; throws for anything else there.
    static func existingSidecar(at url: URL, for object: JSONObject) throws(LegacyFormatError) -> JSONObject? {
        let bytes: [UInt8]?
        do { bytes = try AtomicFile.readRegularFile(at: url) } catch { throw .reading(error) }
        guard let bytes else { return nil }
        guard let existing = try? BatchMetadataFolder.parseObject(bytes, file: url.path),
              ["prompt", "model"].allSatisfy({ existing[$0] == object[$0] }) else {
            throw .notOurs(file: url.path)
        }
        return existing
    }

    private static func nameIsTaken(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 || errno != ENOENT
    }
}
