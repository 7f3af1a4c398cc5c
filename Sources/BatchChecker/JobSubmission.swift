import Foundation
import GeminiBatch
import OrderedJSON

/// What to generate: prompts plus the metadata the legacy sidecars carry.
public struct JobSubmission: Sendable {
    public var prompts: [String]
    public var model: String
    public var aspectRatio: String?
    /// The legacy size word ("small", "medium", "large") or an API size ("1K", "2K", "4K").
    public var imageSize: String?
    public var title: String?
    public var description: String?
    public var alternativeText: String?
    public var caption: String?
    public var convertToWebP = true
    public var webpQuality = 85

    public init(prompts: [String], model: String) {
        self.prompts = prompts
        self.model = model
    }

    /// The size the API takes (`imageConfig.imageSize`): legacy words map to 1K / 2K / 4K.
    var apiImageSize: String? {
        switch imageSize?.lowercased() {
        case nil: nil
        case "small": "1K"
        case "medium": "2K"
        case "large": "4K"
        default: imageSize
        }
    }

    /// The legacy `batch_metadata` object, plus each request's own prompt under `requests`.
    func requestMetadata(requests: [BatchRequest]) -> JSONObject {
        var object = JSONObject()
        object["prompt"] = JSONValue(prompts.first ?? "")
        object["title"] = JSONValue(title ?? "")
        object["description"] = JSONValue(description ?? "")
        object["alternative_text"] = JSONValue(alternativeText ?? "AI-generated image: \(prompts.first ?? "")")
        object["caption"] = JSONValue(caption ?? title ?? "")
        object["provider"] = JSONValue("gemini")
        object["model"] = JSONValue(model)
        object["aspect_ratio"] = JSONValue(aspectRatio ?? "1:1")
        object["image_size"] = JSONValue(imageSize ?? "large")
        object["reference_image_paths"] = .array([])
        object["convert_to_webp"] = JSONValue(convertToWebP)
        object["webp_quality"] = JSONValue(webpQuality)
        object["requests"] = .array(requests.map { request in
            var entry = JSONObject()
            entry["key"] = JSONValue(request.key)
            entry["prompt"] = JSONValue(request.prompt)
            return .object(entry)
        })
        return object
    }

    /// Reads prompts from a JSONL file: each line a JSON string or an object with `prompt`.
    /// Errors name the file and line.
    public static func prompts(fromJSONLines url: URL) throws -> [String] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw SubmitError.invalidInput("\(url.path): cannot read: \(error.localizedDescription)")
        }
        var prompts: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let value: JSONValue
            do { value = try JSONValue.parse(trimmed) } catch {
                throw SubmitError.invalidInput("\(url.path):\(number + 1): not JSON: \(error)")
            }
            if let prompt = value.stringValue ?? value["prompt"]?.stringValue, !prompt.isEmpty {
                prompts.append(prompt)
            } else {
                throw SubmitError.invalidInput("\(url.path):\(number + 1): expected a string or an object with a non-empty \"prompt\"")
            }
        }
        return prompts
    }
}
