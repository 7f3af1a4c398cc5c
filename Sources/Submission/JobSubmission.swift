import Foundation
import GeminiBatch
import LegacyFormat
import ModelCatalogue
import PFCConfig

/// What to generate: the requests as the user gave them, the model when named, and the WebP wishes.
/// ``plan(config:now:home:)`` checks every value against the model catalogue, checks the reference images (their
/// bytes are read only when the batch is sent) and prices the batch, before anything is recorded or sent.
///
/// ```swift
/// var request = SubmissionRequest(prompt: "A frog reading a newspaper")
/// request.quality = "fast"
/// request.imageSize = "xlarge"                            // 4K on gemini-3.1-flash-image
/// let plan = try JobSubmission(requests: [request]).plan(config: config)   // SubmitError.invalidInput naming the option
/// ```
public struct JobSubmission: Sendable {
    public var requests: [SubmissionRequest]
    /// `--model`: wins over every request's quality and over the config's `default_model`.
    public var model: String?
    public var convertToWebP = true
    public var webpQuality = RequestMetadata.defaultWebPQuality

    public init(requests: [SubmissionRequest], model: String? = nil) {
        self.requests = requests
        self.model = model
    }

    /// One request per prompt, no options.
    public init(prompts: [String], model: String? = nil) {
        self.init(requests: prompts.map(SubmissionRequest.init(prompt:)), model: model)
    }

    /// Resolves the model, checks every request's values against it, checks the reference images (their type
    /// from their bytes), and builds the API requests, the metadata and the estimate. Throws
    /// ``SubmitError/invalidInput(_:)`` naming the option (or prompts-file line and field) and what is accepted.
    public func plan(config: Config, now: Date = Date(),
                     home: String = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) throws(SubmitError)
        -> SubmissionPlan
    {
        guard !requests.isEmpty else { throw .invalidInput("nothing to submit: give at least one prompt") }
        if let empty = requests.first(where: { $0.prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            throw .invalidInput((empty.origin.map { "\($0): " } ?? "--prompt: ") + "the prompt is empty")
        }
        var warnings: [String] = []
        let modelID = try resolveModel(config: config, warnings: &warnings)
        let catalogued: ImageModel?
        switch ModelCatalogue.lookup(modelID) {
        case .live(let model): catalogued = model
        case .retired(let gone): throw .invalidInput("\(ImageOption.model.flag) \(modelID): \(gone.notice)")
        case .unknown(let id):
            catalogued = nil
            warnings.append("model \(id) is not in pfc-jobs' catalogue: its sizes and aspect ratios are not checked here, the service decides")
        }
        let prices = config.prices
        var loaded: [String: ReferenceImage] = [:]
        var batchRequests: [BatchRequest] = []
        var submitted: [SubmittedRequest] = []
        for (index, request) in requests.enumerated() {
            let resolved: ResolvedImageOptions
            do throws(ModelRuleError) {
                if let catalogued {
                    resolved = try catalogued.validate(request.imageOptions)
                } else {
                    resolved = try request.imageOptions.resolvedWithoutModelRules()
                }
            } catch {
                throw request.problem(error)
            }
            var images: [ReferenceImage] = []
            for path in request.referenceImages {
                let base = request.baseFolder ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
                do throws(SubmitError) {
                    if let image = loaded[path] {
                        images.append(image)
                    } else {
                        let image = try ReferenceImage.load(path, relativeTo: base, home: home)
                        loaded[path] = image
                        images.append(image)
                    }
                } catch {
                    throw .invalidInput("\(request.naming(.referenceImages, path)): \(error)")
                }
            }
            let key = "req_\(index)"
            batchRequests.append(BatchRequest(key: key, prompt: request.prompt, aspectRatio: resolved.aspectRatio,
                                              imageSize: resolved.imageSize, referenceImages: images.map(\.inlineImage),
                                              thinkingLevel: resolved.thinkingLevel?.apiValue,
                                              mediaResolution: resolved.mediaResolution?.apiValue,
                                              searchGrounding: resolved.searchGrounding))
            let cost = prices.estimate(model: modelID, prompt: request.prompt, imageSize: resolved.effectiveImageSize,
                                       referenceImages: images.count, searchGrounding: resolved.searchGrounding)
            submitted.append(SubmittedRequest(
                key: key, prompt: request.prompt, title: request.title, description: request.description,
                alternativeText: request.alternativeText, caption: request.caption,
                quality: catalogued?.quality.rawValue ?? request.quality?.lowercased() ?? RequestMetadata.defaultQuality,
                aspectRatio: resolved.aspectRatio, imageSize: request.imageSize ?? resolved.effectiveImageSize,
                apiImageSize: resolved.imageSize, referenceImagePaths: images.map(\.path), cost: cost,
                thinkingLevel: resolved.thinkingLevel?.rawValue, searchGrounding: resolved.searchGrounding,
                mediaResolution: resolved.mediaResolution?.rawValue, submittedAt: now))
        }
        let costs = submitted.map(\.cost)
        let total = costs.contains(nil) ? nil : PriceTable.rounded(costs.compactMap { $0 }.reduce(0, +))
        let metadata = RequestMetadata.submission(requests: submitted, model: modelID, convertToWebP: convertToWebP,
                                                  webpQuality: webpQuality, estimatedCostUSD: total, priceTableAsOf: prices.asOf)
        return SubmissionPlan(model: modelID, catalogued: catalogued, requests: batchRequests, metadata: metadata,
                              estimatedCostUSD: total, priceTableAsOf: prices.asOf, warnings: warnings)
    }

    /// `--model` as given, else the one model the requests' quality words name, else the config's
    /// `default_model` (refused when it names a shut-down model). One batch goes to one model.
    func resolveModel(config: Config, warnings: inout [String]) throws(SubmitError) -> String {
        var qualities: [Quality] = []
        for request in requests {
            guard let word = request.quality else { continue }
            do throws(ModelRuleError) { qualities.append(try Quality.parse(word)) } catch { throw request.problem(error) }
        }
        let distinct = Array(Set(qualities)).sorted { $0.rawValue < $1.rawValue }
        if let model, !model.isEmpty {
            let bare = ModelCatalogue.bareID(model)
            if let other = distinct.first(where: { ModelCatalogue.model(for: $0).id != bare }) {
                warnings.append("\(ImageOption.model.flag) \(bare) wins over quality \(other.rawValue)")
            }
            return bare
        }
        guard distinct.count <= 1 else {
            let named = distinct.map { "\($0.rawValue) (\(ModelCatalogue.model(for: $0).id))" }.joined(separator: " and ")
            throw .invalidInput("one batch goes to one model, but the requests ask for quality \(named): submit them as separate batches")
        }
        if let quality = distinct.first { return ModelCatalogue.model(for: quality).id }
        if let problem = config.defaultModelProblem { throw .invalidInput(problem.description) }
        return ModelCatalogue.bareID(config.defaultModel)
    }
}
