/// What the emulator does with one prompt. Chosen by a marker inside the prompt text
/// (`[emu:blocked]`) or scripted for an exact prompt through `POST /_emulator/script`.
/// Markers with a number (`[emu:output-lag-3]`, `[emu:image-16384x16384]`, `[emu:status-padding-N]`)
/// are read by `PromptParameters`.
///
/// ```swift
/// ScriptedOutcome.fromMarkers(in: "a cat [emu:jpeg]") // [.jpeg]
/// ```
public enum ScriptedOutcome: String, Sendable, CaseIterable, Codable {
    /// The whole batch ends FAILED with an Operation `error`.
    case batchFailed = "batch-failed"
    /// The whole batch ends EXPIRED with no results.
    case expired
    /// This item carries `error` {code 3} instead of `response`.
    case itemError = "item-error"
    /// `promptFeedback.blockReason` SAFETY and no candidates.
    case blocked
    /// A text part only, finishReason NO_IMAGE.
    case noImage = "no-image"
    /// A text part only, finishReason IMAGE_SAFETY.
    case imageSafety = "image-safety"
    /// The image is JPEG instead of PNG.
    case jpeg
    /// The final image is JPEG bytes declared `image/png`, as gemini-3-pro-image sometimes answers.
    case mislabelledJPEG = "mislabelled-jpeg"
    /// The image is an RGBA PNG whose alpha fades from opaque to transparent, left to right.
    case alpha
    /// The image bytes start like a PNG but stop halfway: a download cut short on the service side.
    case corrupt
    /// Two draft images (thought parts) before the final one instead of the configured count.
    case twoDrafts = "two-drafts"
    /// No thought parts for this item even on a Gemini 3 model.
    case noThoughts = "no-thoughts"
    /// Two final (non-thought) images in one response, each with its own bytes.
    case twoImages = "two-images"
    /// Hostile: this item fails with an error message quoting the API key the create carried; with
    /// `batch-failed` in the same batch, the batch's Operation error quotes it too.
    case quoteKey = "quote-key"
    /// Hostile: this item fails with a message holding ESC `[2J`, BEL, CR and a forged log line, and its
    /// echoed `metadata.key` (file lines: `key`) carries the same characters.
    case controlChars = "control-chars"
    /// The batch's output goes to a JSONL responses file even though the real service would answer inline.
    case responsesFile = "responses-file"
    /// In a responses file, this item's failure line reads `{"key","status":{...}}` instead of `"error"`.
    case statusLine = "status-line"
    /// Hostile: every GET of this batch is accepted and not answered for an hour, then the connection is
    /// dropped (`[emu:hang-N]` holds N milliseconds instead).
    case hang

    /// Every `[emu:NAME]` marker found in a prompt, in order; unknown names are ignored.
    public static func fromMarkers(in prompt: String) -> [ScriptedOutcome] {
        markerNames(in: prompt).compactMap(ScriptedOutcome.init(rawValue:))
    }

    /// The NAME of every `[emu:NAME]` in a prompt, in order.
    static func markerNames(in prompt: String) -> [String] {
        var names: [String] = []
        var remainder = prompt[...]
        while let open = remainder.range(of: "[emu:") {
            let afterOpen = remainder[open.upperBound...]
            guard let close = afterOpen.firstIndex(of: "]") else { break }
            names.append(String(afterOpen[..<close]))
            remainder = afterOpen[afterOpen.index(after: close)...]
        }
        return names
    }
}
