import OrderedJSON

/// Token counts of one answer, as the real service reports them (section 12, row 11): prompt text is about
/// one token a word plus 560 per reference image; each output image costs 1120 tokens at 1K or 2K, 2000 at
/// 4K and 747 at 512 (flash-lite always draws 1K); Gemini 3 thinking adds 160 text tokens and 560 per draft.
struct UsageMetadata: Sendable, Equatable {
    var textPromptTokens: Int
    var imagePromptTokens: Int
    var candidateTokens: Int
    var thoughtTokens: Int
    /// Modality of the candidate tokens: IMAGE when the answer holds a final image, else TEXT.
    var candidateModality: String

    static let tokensPerReferenceImage = 560
    static let thoughtTextTokens = 160
    static let tokensPerDraft = 560

    var promptTokens: Int { textPromptTokens + imagePromptTokens }
    var totalTokens: Int { promptTokens + candidateTokens + thoughtTokens }

    init(item: BatchItem, candidateTokens: Int, candidateModality: String, thoughtTokens: Int) {
        textPromptTokens = max(1, item.prompt.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count)
        imagePromptTokens = item.referenceImages.count * Self.tokensPerReferenceImage
        self.candidateTokens = candidateTokens
        self.candidateModality = candidateModality
        self.thoughtTokens = thoughtTokens
    }

    /// Output tokens of one image at the requested `imageSize` on that model.
    static func imageTokens(imageSize: String?, modelID: String) -> Int {
        if modelID == "gemini-3.1-flash-lite-image" { return 1120 }
        switch imageSize {
        case "4K": return 2000
        case "512": return 747
        default: return 1120
        }
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("promptTokenCount", JSONValue(promptTokens)),
            ("candidatesTokenCount", JSONValue(candidateTokens)),
            ("totalTokenCount", JSONValue(totalTokens)),
        ]
        var promptDetails: [JSONValue] = [detail("TEXT", textPromptTokens)]
        if imagePromptTokens > 0 { promptDetails.append(detail("IMAGE", imagePromptTokens)) }
        members.append(("promptTokensDetails", .array(promptDetails)))
        if candidateTokens > 0 {
            members.append(("candidatesTokensDetails", .array([detail(candidateModality, candidateTokens)])))
        }
        if thoughtTokens > 0 { members.append(("thoughtsTokenCount", JSONValue(thoughtTokens))) }
        return .object(JSONObject(members))
    }

    private func detail(_ modality: String, _ count: Int) -> JSONValue {
        .object(JSONObject([("modality", .string(modality)), ("tokenCount", JSONValue(count))]))
    }
}
