/// A live image model and the request values it accepts. Every value a user gives is checked here
/// before anything is recorded or sent: the service would refuse the batch with 400 INVALID_ARGUMENT.
///
/// ```swift
/// let model = ModelCatalogue.model(for: .pro)
/// let resolved = try model.validate(ImageOptions(imageSize: "large", aspectRatio: "16:9"))
/// resolved.imageSize   // "2K" (sent as imageConfig.imageSize)
/// try model.validate(ImageOptions(aspectRatio: "1:8"))   // ModelRuleError: --aspect-ratio 1:8: gemini-3-pro-image takes ...
/// ```
public struct ImageModel: Sendable, Hashable {
    /// The bare id (`gemini-3-pro-image`), as sent in `models/{id}:batchGenerateContent`.
    public var id: String
    /// Google's product name, for people.
    public var name: String
    /// The old tool's quality word that picks this model.
    public var quality: Quality
    /// `imageConfig.imageSize` values it takes, exact case; empty when it refuses the field.
    public var imageSizes: [String]
    /// The one size it makes when it takes no `imageSize`.
    public var fixedImageSize: String?
    public var aspectRatios: [String]
    /// `thinkingConfig.thinkingLevel` values it takes; empty when it takes no thinkingConfig.
    public var thinkingLevels: [ThinkingLevel]
    /// Whether the `google_search` tool may be sent.
    public var acceptsSearchGrounding: Bool
    /// Reference images (inlineData parts) one request may carry.
    public var maxReferenceImages: Int

    public init(id: String, name: String, quality: Quality, imageSizes: [String], fixedImageSize: String? = nil,
                aspectRatios: [String], thinkingLevels: [ThinkingLevel], acceptsSearchGrounding: Bool,
                maxReferenceImages: Int = 14) {
        self.id = id
        self.name = name
        self.quality = quality
        self.imageSizes = imageSizes
        self.fixedImageSize = fixedImageSize
        self.aspectRatios = aspectRatios
        self.thinkingLevels = thinkingLevels
        self.acceptsSearchGrounding = acceptsSearchGrounding
        self.maxReferenceImages = maxReferenceImages
    }

    public var acceptsImageSize: Bool { !imageSizes.isEmpty }
    public var acceptsThinking: Bool { !thinkingLevels.isEmpty }

    /// Checks every option against this model and returns what to send. Throws on the first value the
    /// model refuses, naming the option and what the model accepts.
    public func validate(_ options: ImageOptions) throws(ModelRuleError) -> ResolvedImageOptions {
        var resolved = ResolvedImageOptions()
        if let given = options.imageSize {
            let size = try ImageSize.apiValue(given)
            if acceptsImageSize {
                guard imageSizes.contains(size) else {
                    throw ModelRuleError(option: .imageSize, value: given, model: id,
                                         accepted: "takes \(imageSizes.joined(separator: ", "))" + ImageSize.wordsHint(for: imageSizes))
                }
                resolved.imageSize = size
                resolved.effectiveImageSize = size
            } else {
                // It takes no imageSize at all: the one size it makes is fine (and not sent), any other is refused.
                guard size == fixedImageSize else {
                    throw ModelRuleError(option: .imageSize, value: given, model: id,
                                         accepted: "makes \(fixedImageSize ?? "one size") images only and takes no image size")
                }
                resolved.effectiveImageSize = size
            }
        } else if let fixedImageSize {
            resolved.effectiveImageSize = fixedImageSize
        }
        if let ratio = options.aspectRatio {
            guard aspectRatios.contains(ratio) else {
                throw ModelRuleError(option: .aspectRatio, value: ratio, model: id,
                                     accepted: "takes \(aspectRatios.joined(separator: ", "))")
            }
            resolved.aspectRatio = ratio
        }
        if let word = options.thinkingLevel {
            let level = try ThinkingLevel.parse(word)
            guard thinkingLevels.contains(level) else {
                throw ModelRuleError(option: .thinkingLevel, value: word, model: id,
                                     accepted: acceptsThinking
                                         ? "takes \(thinkingLevels.map(\.rawValue).joined(separator: ", "))"
                                         : "takes no thinking level")
            }
            resolved.thinkingLevel = level
        }
        if options.searchGrounding {
            guard acceptsSearchGrounding else {
                throw ModelRuleError(option: .searchGrounding, value: "true", model: id, accepted: "takes no search grounding")
            }
            resolved.searchGrounding = true
        }
        if let word = options.mediaResolution {
            resolved.mediaResolution = try MediaResolution.parse(word)
        }
        guard options.referenceImageCount <= maxReferenceImages else {
            throw ModelRuleError(option: .referenceImages, value: "\(options.referenceImageCount) images", model: id,
                                 accepted: "takes at most \(maxReferenceImages) reference images per request")
        }
        return resolved
    }
}
