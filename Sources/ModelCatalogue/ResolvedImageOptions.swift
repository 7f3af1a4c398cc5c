/// Checked per-request values in the API's spelling: what goes into `generationConfig` and `tools`.
public struct ResolvedImageOptions: Sendable, Hashable {
    /// `imageConfig.imageSize`; nil when none is sent (the service then makes ``ImageSize/apiDefault``).
    public var imageSize: String?
    /// The size the image will have, sent or not: what metadata and the cost estimate record.
    public var effectiveImageSize: String = ImageSize.apiDefault
    /// `imageConfig.aspectRatio`.
    public var aspectRatio: String?
    /// `thinkingConfig.thinkingLevel`.
    public var thinkingLevel: ThinkingLevel?
    /// `tools: [{"google_search": {}}]`.
    public var searchGrounding = false
    /// `generationConfig.mediaResolution`.
    public var mediaResolution: MediaResolution?

    public init() {}
}
