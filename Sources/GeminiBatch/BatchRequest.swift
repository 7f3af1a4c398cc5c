/// One inline request of a batch: an image prompt with its own key, its reference images and options, in the
/// API's spelling (validated beforehand against the model catalogue by the submit path).
///
/// ```swift
/// var request = BatchRequest(key: "img-1", prompt: "a red fox at dawn", aspectRatio: "16:9", imageSize: "2K")
/// request.referenceImages = [InlineImage(mimeType: "image/jpeg", data: photo)]
/// request.thinkingLevel = "HIGH"
/// request.searchGrounding = true
/// ```
/// The key travels as `metadata.key` and comes back on the matching result.
public struct BatchRequest: Sendable, Hashable {
    public var key: String
    public var prompt: String
    /// Sent as `inlineData` parts before the prompt text, in this order.
    public var referenceImages: [InlineImage]
    /// `generationConfig.imageConfig.aspectRatio`, e.g. "1:1", "16:9".
    public var aspectRatio: String?
    /// `generationConfig.imageConfig.imageSize`, e.g. "1K", "2K", "4K"; nil sends none (the service makes 1K).
    public var imageSize: String?
    /// `generationConfig.thinkingConfig.thinkingLevel`, e.g. "HIGH".
    public var thinkingLevel: String?
    /// `generationConfig.mediaResolution`, e.g. "MEDIA_RESOLUTION_LOW".
    public var mediaResolution: String?
    /// `tools: [{"google_search": {}}]`: ground the image in Google Search results.
    public var searchGrounding: Bool

    public init(key: String, prompt: String, aspectRatio: String? = nil, imageSize: String? = nil,
                referenceImages: [InlineImage] = [], thinkingLevel: String? = nil, mediaResolution: String? = nil,
                searchGrounding: Bool = false) {
        self.key = key
        self.prompt = prompt
        self.referenceImages = referenceImages
        self.aspectRatio = aspectRatio
        self.imageSize = imageSize
        self.thinkingLevel = thinkingLevel
        self.mediaResolution = mediaResolution
        self.searchGrounding = searchGrounding
    }
}
