/// An `inlineData` part of a request (a reference image), described rather than kept: tests compare what
/// arrived with what they sent through the digest, and a 20 MB create costs the emulator nothing afterwards.
public struct ReceivedInlineData: Sendable, Equatable {
    /// Position of the part among all parts of the request's contents.
    public var part: Int
    public var mimeType: String
    /// Length of the decoded bytes.
    public var byteCount: Int
    /// Hex SHA-256 of the decoded bytes.
    public var sha256: String

    public init(part: Int, mimeType: String, byteCount: Int, sha256: String) {
        self.part = part
        self.mimeType = mimeType
        self.byteCount = byteCount
        self.sha256 = sha256
    }
}
