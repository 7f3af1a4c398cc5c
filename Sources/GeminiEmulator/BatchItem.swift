/// One request of a batch as the emulator needs it: the prompt text decides the picture and the outcome.
public struct BatchItem: Sendable {
    /// `metadata.key` of the inline request (file lines use the same value as `key`).
    public var key: String?
    /// The whole request `metadata` map, echoed back on the inline response item.
    public var metadata: [(String, String)]
    /// All text parts of the request's contents, joined with newlines.
    public var prompt: String

    public init(key: String?, metadata: [(String, String)] = [], prompt: String) {
        self.key = key
        self.metadata = metadata.isEmpty ? (key.map { [("key", $0)] } ?? []) : metadata
        self.prompt = prompt
    }
}
