/// What the emulator does with one prompt. Chosen by a marker inside the prompt text
/// (`[emu:blocked]`) or scripted for an exact prompt through `POST /_emulator/script`.
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
    /// The image is an RGBA PNG whose alpha fades from opaque to transparent, left to right.
    case alpha
    /// The image bytes start like a PNG but stop halfway: a download cut short on the service side.
    case corrupt

    /// Every `[emu:NAME]` marker found in a prompt, in order; unknown names are ignored.
    public static func fromMarkers(in prompt: String) -> [ScriptedOutcome] {
        var outcomes: [ScriptedOutcome] = []
        var remainder = prompt[...]
        while let open = remainder.range(of: "[emu:") {
            let afterOpen = remainder[open.upperBound...]
            guard let close = afterOpen.firstIndex(of: "]") else { break }
            if let outcome = ScriptedOutcome(rawValue: String(afterOpen[..<close])) {
                outcomes.append(outcome)
            }
            remainder = afterOpen[afterOpen.index(after: close)...]
        }
        return outcomes
    }
}
