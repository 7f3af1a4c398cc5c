/// One inline request of a batch: an image prompt with its own key.
///
/// ```swift
/// BatchRequest(key: "img-1", prompt: "a red fox at dawn", aspectRatio: "16:9", imageSize: "2K")
/// ```
/// The key travels as `metadata.key` and comes back on the matching result.
public struct BatchRequest: Sendable, Hashable {
    public var key: String
    public var prompt: String
    /// `generationConfig.imageConfig.aspectRatio`, e.g. "1:1", "16:9".
    public var aspectRatio: String?
    /// `generationConfig.imageConfig.imageSize`, e.g. "1K", "2K", "4K".
    public var imageSize: String?

    public init(key: String, prompt: String, aspectRatio: String? = nil, imageSize: String? = nil) {
        self.key = key
        self.prompt = prompt
        self.aspectRatio = aspectRatio
        self.imageSize = imageSize
    }
}
