/// Why one item produced no image.
public struct ItemFailure: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The item carried an `error` (or `status`) object.
        case error
        /// `promptFeedback.blockReason` with no candidates.
        case blocked
        /// A response without any final `inlineData` part (finishReason IMAGE_SAFETY, NO_IMAGE, text only, ...).
        case noImage
        /// The item could not be read at all (a responses-file line that is not JSON, bad base64).
        case malformed
    }

    public var kind: Kind
    /// Item error code (gRPC code) when `kind == .error`.
    public var code: Int?
    /// Human-readable reason: the error message, the block reason, or the finish reason.
    public var reason: String

    public init(kind: Kind, code: Int? = nil, reason: String) {
        self.kind = kind
        self.code = code
        self.reason = reason
    }

    public var description: String {
        if let code { return "\(kind.rawValue) \(code): \(reason)" }
        return "\(kind.rawValue): \(reason)"
    }
}
