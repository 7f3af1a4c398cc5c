/// One request of a batch as the emulator needs it: the prompt text decides the picture and the outcome.
public struct BatchItem: Sendable {
    /// `metadata.key` of the inline request (file lines use the same value as `key`).
    public var key: String?
    /// The whole request `metadata` map, echoed back on the inline response item.
    public var metadata: [(String, String)]
    /// All text parts of the request's contents, joined with newlines.
    public var prompt: String
    /// The request's `inlineData` parts (reference images), in order.
    public var referenceImages: [ReceivedInlineData]
    /// `generationConfig.imageConfig.imageSize` as sent ("1K", "2K", "4K", "512"); nil when absent (the API's 1K).
    public var imageSize: String?

    public init(key: String?, metadata: [(String, String)] = [], prompt: String,
                referenceImages: [ReceivedInlineData] = [], imageSize: String? = nil) {
        self.key = key
        self.metadata = metadata.isEmpty ? (key.map { [("key", $0)] } ?? []) : metadata
        self.prompt = prompt
        self.referenceImages = referenceImages
        self.imageSize = imageSize
    }
}
