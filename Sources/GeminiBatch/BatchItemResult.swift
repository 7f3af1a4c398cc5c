import Foundation

/// The outcome of one request of a finished batch, from inline output or from a responses-file line.
///
/// ```swift
/// switch item.outcome {
/// case .image(let data, let mimeType, _): try data.write(to: url)
/// case .failed(let failure): print(failure.kind, failure.reason)
/// }
/// ```
public struct BatchItemResult: Sendable, Hashable {
    /// `metadata.key` (inline) or top-level `key` (file line); nil when the server gave none.
    public var key: String?
    /// Zero-based position in the output, used to match results when the key is missing.
    public var index: Int
    public var outcome: Outcome

    public init(key: String?, index: Int, outcome: Outcome) {
        self.key = key
        self.index = index
        self.outcome = outcome
    }

    public enum Outcome: Sendable, Hashable {
        /// Decoded bytes of the first `inlineData` part, with any text parts joined.
        case image(data: Data, mimeType: String, text: String?)
        case failed(ItemFailure)
    }

    /// Matches results to request keys: by key first, then by position for results that carry no key.
    ///
    /// ```swift
    /// let byKey = BatchItemResult.match(results, toKeys: requests.map(\.key))
    /// ```
    public static func match(_ results: [BatchItemResult], toKeys keys: [String]) -> [String: BatchItemResult] {
        var matched: [String: BatchItemResult] = [:]
        let wanted = Set(keys)
        for result in results {
            if let key = result.key, wanted.contains(key), matched[key] == nil {
                matched[key] = result
            }
        }
        for result in results where result.key == nil || !wanted.contains(result.key!) {
            guard result.index >= 0, result.index < keys.count else { continue }
            let positional = keys[result.index]
            if matched[positional] == nil { matched[positional] = result }
        }
        return matched
    }
}

/// Why one item produced no image.
public struct ItemFailure: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The item carried an `error` status.
        case error
        /// `promptFeedback.blockReason` with no candidates.
        case blocked
        /// A response without any `inlineData` part (finishReason IMAGE_SAFETY, NO_IMAGE, text only, ...).
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
