import Foundation
import GeminiBatch
import ModelCatalogue
import OrderedJSON
import PFCConfig

/// What to generate: the requests as the user gave them, the model when named, and the WebP wishes.
/// ``plan(config:)`` checks every value against the model catalogue before anything is recorded or sent.
///
/// ```swift
/// var submission = JobSubmission(prompts: ["A frog reading a newspaper"])
/// submission.requests[0].imageSize = "xlarge"          // 4K
/// let plan = try submission.plan(config: config)       // SubmitError.invalidInput naming the option when refused
/// ```
public struct JobSubmission: Sendable {
    public var requests: [SubmissionRequest]
    /// `--model`: wins over everything else; nil means the config's `default_model`.
    public var model: String?
    public var convertToWebP = true
    public var webpQuality = 85

    public init(requests: [SubmissionRequest], model: String? = nil) {
        self.requests = requests
        self.model = model
    }

    /// One request per prompt, no options.
    public init(prompts: [String], model: String? = nil) {
        self.init(requests: prompts.map(SubmissionRequest.init(prompt:)), model: model)
    }

    /// Resolves the model, checks every request's values against it, and builds the API requests and the
    /// metadata. Throws ``SubmitError/invalidInput(_:)`` naming the option (or prompts-file field) and what
    /// the model accepts.
    public func plan(config: Config, now: Date = Date()) throws(SubmitError) -> SubmissionPlan {
        guard !requests.isEmpty else { throw .invalidInput("nothing to submit: give at least one prompt") }
        let modelID = try resolveModel(config: config)
        var warnings: [String] = []
        let catalogued: ImageModel?
        switch ModelCatalogue.lookup(modelID) {
        case .live(let model): catalogued = model
        case .retired(let gone): throw .invalidInput("\(ImageOption.model.flag) \(modelID): \(gone.notice)")
        case .unknown(let id):
            catalogued = nil
            warnings.append("model \(id) is not in pfc-jobs' catalogue: its sizes and aspect ratios are not checked here, the service decides")
        }
        var batchRequests: [BatchRequest] = []
        var entries: [JSONValue] = []
        for (index, request) in requests.enumerated() {
            let options = ImageOptions(imageSize: request.imageSize, aspectRatio: request.aspectRatio)
            let resolved: ResolvedImageOptions
            do throws(ModelRuleError) {
                if let catalogued { resolved = try catalogued.validate(options) } else { resolved = try options.resolvedWithoutModelRules() }
            } catch {
                throw .invalidInput(request.messagePrefix + error.describe(asField: request.origin != nil))
            }
            let key = "req_\(index)"
            batchRequests.append(BatchRequest(key: key, prompt: request.prompt, aspectRatio: resolved.aspectRatio,
                                              imageSize: resolved.imageSize))
            var entry = JSONObject()
            entry["key"] = JSONValue(key)
            entry["prompt"] = JSONValue(request.prompt)
            entry["image_size"] = JSONValue(request.imageSize ?? resolved.effectiveImageSize)
            entries.append(.object(entry))
        }
        var metadata = legacyMetadata(model: modelID, first: requests[0])
        metadata["requests"] = .array(entries)
        return SubmissionPlan(model: modelID, catalogued: catalogued, requests: batchRequests, metadata: metadata,
                              warnings: warnings)
    }

    /// `--model` as given, else the config's `default_model` (refused when it names a shut-down model).
    func resolveModel(config: Config) throws(SubmitError) -> String {
        if let model, !model.isEmpty { return ModelCatalogue.bareID(model) }
        if let problem = config.defaultModelProblem { throw .invalidInput(problem.description) }
        return ModelCatalogue.bareID(config.defaultModel)
    }

    /// The legacy `batch_metadata` object. With no size given nothing is sent and the service makes 1K,
    /// so 1K is what is recorded.
    func legacyMetadata(model: String, first: SubmissionRequest) -> JSONObject {
        var object = JSONObject()
        object["prompt"] = JSONValue(first.prompt)
        object["title"] = JSONValue(first.title ?? "")
        object["description"] = JSONValue(first.description ?? "")
        object["alternative_text"] = JSONValue(first.alternativeText ?? "AI-generated image: \(first.prompt)")
        object["caption"] = JSONValue(first.caption ?? first.title ?? "")
        object["provider"] = JSONValue("gemini")
        object["model"] = JSONValue(model)
        object["aspect_ratio"] = JSONValue(first.aspectRatio ?? "1:1")
        object["image_size"] = JSONValue(first.imageSize ?? ImageSize.apiDefault)
        object["reference_image_paths"] = .array([])
        object["convert_to_webp"] = JSONValue(convertToWebP)
        object["webp_quality"] = JSONValue(webpQuality)
        return object
    }

    /// Reads prompts from a JSONL file: each line a JSON string or an object with `prompt`.
    /// Errors name the file and line.
    public static func prompts(fromJSONLines url: URL) throws(SubmitError) -> [String] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .invalidInput("\(url.path): cannot read: \(error.localizedDescription)")
        }
        var prompts: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            let value: JSONValue
            do { value = try JSONValue.parse(trimmed) } catch {
                throw .invalidInput("\(url.path):\(number + 1): not JSON: \(error)")
            }
            if let prompt = value.stringValue ?? value["prompt"]?.stringValue, !prompt.isEmpty {
                prompts.append(prompt)
            } else {
                throw .invalidInput("\(url.path):\(number + 1): expected a string or an object with a non-empty \"prompt\"")
            }
        }
        return prompts
    }
}
