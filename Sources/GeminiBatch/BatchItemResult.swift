import Foundation

/// The outcome of one request of a finished batch, from inline output or from a responses-file line.
///
/// ```swift
/// switch item.outcome {
/// case .images(let images): try images[0].data.write(to: url)
/// case .failed(let failure): print(failure.kind, failure.reason)
/// }
/// ```
public struct BatchItemResult: Sendable, Hashable {
    /// `metadata.key` (inline) or top-level `key` (file line); nil when the server gave none.
    public var key: String?
    /// Zero-based position in the output, used to match results when the key is missing.
    public var index: Int
    public var outcome: Outcome
    /// The response's text parts that are not thoughts, joined; nil when there were none.
    public var text: String?
    /// The item's `usageMetadata`, when the service sent it.
    public var usage: TokenUsage?

    public init(key: String?, index: Int, outcome: Outcome, text: String? = nil, usage: TokenUsage? = nil) {
        self.key = key
        self.index = index
        self.outcome = outcome
        self.text = text
        self.usage = usage
    }

    public enum Outcome: Sendable, Hashable {
        /// The final images of the response, in order: never a draft (`thought: true`) image. Usually one.
        case images([ItemImage])
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
