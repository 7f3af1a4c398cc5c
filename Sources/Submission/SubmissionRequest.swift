import Foundation

/// One prompt and its options as the user gave them (command-line flags, or one line of a prompts file
/// with the old tool's field names), before anything is checked.
///
/// ```swift
/// var request = SubmissionRequest(prompt: "A frog reading a newspaper")
/// request.imageSize = "large"      // the old tool's word: 2K
/// request.aspectRatio = "16:9"
/// ```
public struct SubmissionRequest: Sendable, Hashable {
    public var prompt: String
    /// `small`, `medium`, `large`, `xlarge` or the API's `512`, `1K`, `2K`, `4K`.
    public var imageSize: String?
    public var aspectRatio: String?
    public var title: String?
    public var description: String?
    public var alternativeText: String?
    public var caption: String?
    /// Where the request came from for messages (`prompts.jsonl:3`); nil for command-line flags.
    public var origin: String?

    public init(prompt: String) { self.prompt = prompt }

    /// `prompts.jsonl:3: ` before a message about a prompts-file line; nothing for flags.
    var messagePrefix: String { origin.map { "\($0): " } ?? "" }
}
