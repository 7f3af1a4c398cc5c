import Foundation
import ModelCatalogue

/// One prompt and its options as the user gave them (command-line flags, or one line of a prompts file
/// with the old tool's field names), before anything is checked.
///
/// ```swift
/// var request = SubmissionRequest(prompt: "The same frog, reading a newspaper")
/// request.referenceImages = ["~/refs/frog.png"]   // sent as inlineData before the prompt
/// request.quality = "fast"                        // gemini-3.1-flash-image, unless --model names one
/// request.imageSize = "large"                     // the old tool's word: 2K
/// ```
public struct SubmissionRequest: Sendable, Hashable {
    public var prompt: String
    /// Paths as given: `~` is expanded, relative ones are resolved against ``baseFolder``.
    public var referenceImages: [String] = []
    /// `pro` or `fast`; `--model` wins over it.
    public var quality: String?
    /// `small`, `medium`, `large`, `xlarge` or the API's `512`, `1K`, `2K`, `4K`.
    public var imageSize: String?
    public var aspectRatio: String?
    /// `minimal`, `low`, `medium`, `high`.
    public var thinkingLevel: String?
    public var searchGrounding = false
    /// `low`, `medium`, `high`.
    public var mediaResolution: String?
    public var title: String?
    public var description: String?
    public var alternativeText: String?
    public var caption: String?
    /// Where relative reference paths start: the prompts file's folder, or the current folder for flags.
    public var baseFolder: URL?
    /// Where the request came from for messages (`prompts.jsonl:3`); nil for command-line flags.
    public var origin: String?

    public init(prompt: String) { self.prompt = prompt }

    /// The values the model catalogue checks.
    var imageOptions: ImageOptions {
        ImageOptions(imageSize: imageSize, aspectRatio: aspectRatio, thinkingLevel: thinkingLevel,
                     searchGrounding: searchGrounding, mediaResolution: mediaResolution,
                     referenceImageCount: referenceImages.count)
    }

    /// A message about this request: `prompts.jsonl:3: aspect_ratio "1:8": ...` for a prompts-file line
    /// (fields named as in the file), `--aspect-ratio 1:8: ...` for flags.
    func problem(_ error: ModelRuleError) -> SubmitError {
        .invalidInput((origin.map { "\($0): " } ?? "") + error.describe(asField: origin != nil))
    }

    /// The option or field a message about `option` names, with the value.
    func naming(_ option: ImageOption, _ value: String) -> String {
        origin.map { "\($0): \(option.field) \"\(value)\"" } ?? "\(option.flag) \(value)"
    }
}
