import Foundation
import OrderedJSON

/// A JSONL prompts file: one request per line, either a JSON string (the prompt) or an object with the old
/// tool's parameter names: `prompt` (required), `reference_images` (a path or a list of paths, relative to the
/// file's folder), `quality`, `image_size`, `aspect_ratio`, `thinking_level`, `search_grounding`,
/// `media_resolution`, `title`, `description`, `alternative_text`, `caption`.
///
/// ```swift
/// // {"prompt": "A frog in a hat", "quality": "fast", "image_size": "xlarge", "reference_images": ["frog.png"]}
/// let requests = try PromptsFile.read(url, defaults: flagsRequest)
/// ```
/// The command-line flags are the defaults of every line; a line's own fields win. An unknown field, a wrong
/// type or a missing prompt is an error naming the file, the line and the field.
public enum PromptsFile {
    /// The fields a line may carry.
    public static let fields = ["prompt", "reference_images", "quality", "image_size", "aspect_ratio", "thinking_level",
                                "search_grounding", "media_resolution", "title", "description", "alternative_text", "caption"]

    public static func read(_ url: URL, defaults: SubmissionRequest) throws(SubmitError) -> [SubmissionRequest] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .invalidInput("\(url.path): cannot read: \(error.localizedDescription)")
        }
        var requests: [SubmissionRequest] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let origin = "\(url.path):\(number + 1)"
            let value: JSONValue
            do { value = try JSONValue.parse(trimmed) } catch {
                throw .invalidInput("\(origin): not JSON: \(error)")
            }
            var request = defaults
            request.origin = origin
            request.baseFolder = url.deletingLastPathComponent()
            if let prompt = value.stringValue {
                guard !prompt.isEmpty else { throw .invalidInput("\(origin): the prompt is empty") }
                request.prompt = prompt
            } else if let object = value.objectValue {
                try apply(object, to: &request, origin: origin)
            } else {
                throw .invalidInput("\(origin): expected a string or an object with a non-empty \"prompt\"")
            }
            requests.append(request)
        }
        return requests
    }

    static func apply(_ object: JSONObject, to request: inout SubmissionRequest, origin: String) throws(SubmitError) {
        if let unknown = object.pairs.map(\.key).first(where: { !fields.contains($0) }) {
            throw .invalidInput("\(origin): unknown field \"\(unknown)\" (a line takes \(fields.joined(separator: ", ")))")
        }
        func string(_ key: String) throws(SubmitError) -> String? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let text = value.stringValue else { throw .invalidInput("\(origin): \"\(key)\" must be a string") }
            return text
        }
        guard let prompt = try string("prompt"), !prompt.isEmpty else {
            throw .invalidInput("\(origin): expected a string or an object with a non-empty \"prompt\"")
        }
        request.prompt = prompt
        if let value = object["reference_images"], !value.isNull {
            if let single = value.stringValue {
                request.referenceImages = [single]
            } else if let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) {
                request.referenceImages = list.compactMap(\.stringValue)
            } else {
                throw .invalidInput("\(origin): \"reference_images\" must be a path or a list of paths")
            }
        }
        if let value = object["search_grounding"], !value.isNull {
            guard let flag = value.boolValue else { throw .invalidInput("\(origin): \"search_grounding\" must be true or false") }
            request.searchGrounding = flag
        }
        if let value = try string("quality") { request.quality = value }
        if let value = try string("image_size") { request.imageSize = value }
        if let value = try string("aspect_ratio") { request.aspectRatio = value }
        if let value = try string("thinking_level") { request.thinkingLevel = value }
        if let value = try string("media_resolution") { request.mediaResolution = value }
        if let value = try string("title") { request.title = value }
        if let value = try string("description") { request.description = value }
        if let value = try string("alternative_text") { request.alternativeText = value }
        if let value = try string("caption") { request.caption = value }
    }
}
