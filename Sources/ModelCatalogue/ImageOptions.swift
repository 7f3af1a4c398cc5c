/// The per-request values a user gives, as given (words, any case), before they are checked against a model.
///
/// ```swift
/// let options = ImageOptions(imageSize: "xlarge", aspectRatio: "16:9", thinkingLevel: "high")
/// let resolved = try ModelCatalogue.model(for: .pro).validate(options)
/// ```
public struct ImageOptions: Sendable, Hashable {
    public var imageSize: String?
    public var aspectRatio: String?
    public var thinkingLevel: String?
    public var searchGrounding: Bool
    public var mediaResolution: String?
    public var referenceImageCount: Int

    public init(imageSize: String? = nil, aspectRatio: String? = nil, thinkingLevel: String? = nil,
                searchGrounding: Bool = false, mediaResolution: String? = nil, referenceImageCount: Int = 0) {
        self.imageSize = imageSize
        self.aspectRatio = aspectRatio
        self.thinkingLevel = thinkingLevel
        self.searchGrounding = searchGrounding
        self.mediaResolution = mediaResolution
        self.referenceImageCount = referenceImageCount
    }

    /// For a model the catalogue does not know: only the values no model could take are refused (a size
    /// or level word that does not exist); everything else is sent as given and the service decides.
    public func resolvedWithoutModelRules() throws(ModelRuleError) -> ResolvedImageOptions {
        var resolved = ResolvedImageOptions()
        if let imageSize {
            let size = try ImageSize.apiValue(imageSize)
            resolved.imageSize = size
            resolved.effectiveImageSize = size
        }
        resolved.aspectRatio = aspectRatio
        resolved.thinkingLevel = try thinkingLevel.map { word throws(ModelRuleError) in try ThinkingLevel.parse(word) }
        resolved.searchGrounding = searchGrounding
        resolved.mediaResolution = try mediaResolution.map { word throws(ModelRuleError) in try MediaResolution.parse(word) }
        return resolved
    }
}
