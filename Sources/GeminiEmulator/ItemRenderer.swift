import Foundation
import OrderedJSON

/// Builds the answer a prompt earns: its markers (and any exact-prompt script) decide the shape; on Gemini 3
/// models a successful answer is thought text, one or two draft images marked `thought: true`, then the final
/// image with a `thoughtSignature`, then a closing text part, as the real service sends them.
///
/// ```swift
/// let item = try ItemRenderer.render(BatchItem(key: "k", prompt: "a cat"), index: 0, outcomes: [],
///                                    parameters: PromptParameters(prompt: "a cat"), context: context)
/// item.record.finalImages.first?.sha256   // the digest of the bytes a client should save
/// ```
enum ItemRenderer {
    /// What the `control-chars` marker puts into an error message and the echoed key: a screen clear, a bell,
    /// a carriage return and a forged log line.
    static let controlText = "\u{1B}[2J\u{07}\r\n[2026-01-01 00:00:00] [INFO] forged"

    static func render(_ item: BatchItem, index: Int, outcomes: [ScriptedOutcome], parameters: PromptParameters,
                       context: RenderContext, statusLines: Bool = false) throws -> RenderedItem {
        let key = item.key ?? String(index)
        var rendered = RenderedItem(
            result: .error(.null),
            record: ItemRecord(index: index, key: item.key, outcome: "image", referenceImages: item.referenceImages),
            metadata: item.metadata, fileKey: key,
            failureField: statusLines || outcomes.contains(.statusLine) ? "status" : "error")

        if let message = errorMessage(outcomes: outcomes, context: context) {
            rendered.result = .error(.object(JSONObject([("code", JSONValue(3)), ("message", .string(message))])))
            rendered.record.outcome = "error"
            if outcomes.contains(.controlChars) {
                rendered.fileKey = key + controlText
                rendered.metadata = item.metadata.map { $0.0 == "key" ? ($0.0, $0.1 + controlText) : $0 }
                if !rendered.metadata.contains(where: { $0.0 == "key" }) { rendered.metadata.append(("key", controlText)) }
            }
            return rendered
        }
        let answer = Answer(item: item, index: index, context: context)
        if outcomes.contains(.blocked) {
            rendered.record.outcome = "blocked"
            let usage = UsageMetadata(item: item, candidateTokens: 0, candidateModality: "TEXT", thoughtTokens: 0)
            rendered.record.usage = usage
            rendered.result = answer.response([("promptFeedback", .object(JSONObject([("blockReason", .string("SAFETY"))])))],
                                              usage: usage)
            return rendered
        }
        let thoughtText: [JSONValue] = context.thinks && !outcomes.contains(.noThoughts) ? [Answer.thoughtTextPart] : []
        for (outcome, reason, text) in [(ScriptedOutcome.noImage, "NO_IMAGE", "I could not generate an image for this prompt."),
                                        (.imageSafety, "IMAGE_SAFETY", "The generated image was filtered for safety.")]
        where outcomes.contains(outcome) {
            rendered.record.outcome = outcome.rawValue
            let usage = UsageMetadata(item: item, candidateTokens: 12, candidateModality: "TEXT",
                                      thoughtTokens: thoughtText.isEmpty ? 0 : UsageMetadata.thoughtTextTokens)
            rendered.record.usage = usage
            rendered.result = answer.candidate(parts: thoughtText + [Answer.textPart(text)], finishReason: reason, usage: usage)
            return rendered
        }

        var parts = thoughtText
        let draftCount = thoughtText.isEmpty ? 0 : (outcomes.contains(.twoDrafts) ? 2 : max(0, min(2, context.draftImages)))
        for draft in 0..<draftCount {
            let (width, height) = (max(1, context.width / 2), max(1, context.height / 2))
            let image = try GeneratedImage.render(prompt: item.prompt, key: "\(key)#draft-\(draft + 1)", seed: context.seed,
                                                  width: width, height: height, jpeg: false, style: context.style)
            rendered.record.draftImages.append(ImageDigest(mimeType: image.mimeType, bytes: image.bytes, width: width, height: height))
            parts.append(Answer.imagePart(image, thought: true, signature: nil))
        }
        let finalCount = outcomes.contains(.twoImages) ? 2 : 1
        for final in 0..<finalCount {
            let (image, width, height) = try finalImage(item: item, key: final == 0 ? key : "\(key)#final-\(final + 1)",
                                                        outcomes: outcomes, parameters: parameters, context: context)
            rendered.record.finalImages.append(ImageDigest(mimeType: image.mimeType, bytes: image.bytes, width: width, height: height))
            let signature = thoughtText.isEmpty ? nil : answer.signature(final)
            if thoughtText.isEmpty && final == 0 { parts.append(Answer.textPart(Answer.closingText)) }
            parts.append(Answer.imagePart(image, thought: false, signature: signature))
        }
        if !thoughtText.isEmpty { parts.append(Answer.textPart(Answer.closingText)) }
        let imageTokens = UsageMetadata.imageTokens(imageSize: item.imageSize, modelID: context.modelID)
        let usage = UsageMetadata(item: item, candidateTokens: imageTokens * finalCount, candidateModality: "IMAGE",
                                  thoughtTokens: thoughtText.isEmpty ? 0
                                      : UsageMetadata.thoughtTextTokens + UsageMetadata.tokensPerDraft * draftCount)
        rendered.record.usage = usage
        rendered.result = answer.candidate(parts: parts, finishReason: "STOP", usage: usage)
        return rendered
    }

    /// The message of an item that fails, or nil when it does not.
    private static func errorMessage(outcomes: [ScriptedOutcome], context: RenderContext) -> String? {
        if outcomes.contains(.quoteKey) {
            return "Request rejected for API key \(context.apiKey ?? "<none>"): the key's project has no access to this model."
        }
        if outcomes.contains(.controlChars) { return "Request contains an invalid argument." + controlText }
        if outcomes.contains(.itemError) { return "Request contains an invalid argument (scripted item error)." }
        return nil
    }

    private static func finalImage(item: BatchItem, key: String, outcomes: [ScriptedOutcome], parameters: PromptParameters,
                                   context: RenderContext) throws -> (GeneratedImage, Int, Int) {
        if let (width, height) = parameters.imageDimensions {
            var random = SeededGenerator(seed: SeededGenerator.stableHash(key + "\u{0}" + item.prompt, seed: context.seed))
            let bytes = FlatPNG.encode(width: width, height: height, red: UInt8(random.next() % 256),
                                       green: UInt8(random.next() % 256), blue: UInt8(random.next() % 256))
            return (GeneratedImage(mimeType: "image/png", bytes: bytes), width, height)
        }
        let mislabelled = outcomes.contains(.mislabelledJPEG)
        var image = try GeneratedImage.render(prompt: item.prompt, key: key, seed: context.seed,
                                              width: context.width, height: context.height,
                                              jpeg: mislabelled || outcomes.contains(.jpeg), alpha: outcomes.contains(.alpha),
                                              corrupt: outcomes.contains(.corrupt), style: context.style)
        if mislabelled { image.mimeType = "image/png" }
        return (image, context.width, context.height)
    }

    /// The GenerateContentResponse pieces shared by every successful shape.
    private struct Answer {
        let modelVersion: String
        let responseID: String
        let signatureSeed: UInt64

        static let closingText = "Here is the image you asked for."
        static let thoughtTextPart: JSONValue = .object(JSONObject([
            ("text", .string("**Planning the composition**\n\nI am laying out the scene the prompt describes, "
                + "then refining light, colour and detail before the final render.")),
            ("thought", .bool(true)),
        ]))

        init(item: BatchItem, index: Int, context: RenderContext) {
            modelVersion = context.modelID
            let hash = SeededGenerator.stableHash("\(index)|\(item.key ?? "")|\(item.prompt)", seed: context.seed)
            responseID = String(hash, radix: 36)
            signatureSeed = hash
        }

        static func textPart(_ text: String) -> JSONValue { .object(JSONObject([("text", .string(text))])) }

        static func imagePart(_ image: GeneratedImage, thought: Bool, signature: String?) -> JSONValue {
            var members: [(String, JSONValue)] = [("inlineData", .object(JSONObject([
                ("mimeType", .string(image.mimeType)), ("data", .string(image.bytes.base64EncodedString())),
            ])))]
            if thought { members.append(("thought", .bool(true))) }
            if let signature { members.append(("thoughtSignature", .string(signature))) }
            return .object(JSONObject(members))
        }

        /// 64 characters from the base64 alphabet without `+` and `/`: valid standard and URL-safe base64,
        /// which is how the SDK reads the field (bytes).
        func signature(_ index: Int) -> String {
            var random = SeededGenerator(seed: signatureSeed ^ UInt64(index + 1) &* 0x9E37_79B9)
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
            return String((0..<64).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        }

        func response(_ head: [(String, JSONValue)], usage: UsageMetadata) -> ItemResult {
            .response(.object(JSONObject(head + [("usageMetadata", usage.json), ("modelVersion", .string(modelVersion)),
                                                 ("responseId", .string(responseID))])))
        }

        func candidate(parts: [JSONValue], finishReason: String, usage: UsageMetadata) -> ItemResult {
            response([("candidates", .array([.object(JSONObject([
                ("content", .object(JSONObject([("parts", .array(parts)), ("role", .string("model"))]))),
                ("finishReason", .string(finishReason)), ("index", JSONValue(0)),
            ]))]))], usage: usage)
        }
    }
}
