import Foundation
import OrderedJSON

/// The answer for one request of a batch: a GenerateContentResponse (which may still hold no image) or a
/// per-item `google.rpc.Status` error.
enum ItemResult: Sendable {
    case response(JSONValue)
    case error(JSONValue)

    var isFailure: Bool {
        if case .error = self { return true }
        return false
    }

    /// Builds the result a prompt earns: its markers and any exact-prompt script decide the shape.
    static func make(for item: BatchItem, index: Int, outcomes: [ScriptedOutcome], model: String,
                     seed: UInt64, width: Int, height: Int, style: ImageStyle = .smooth) throws -> ItemResult {
        let promptTokens = max(1, item.prompt.split(separator: " ").count)
        let usage = { (candidateTokens: Int) -> JSONValue in
            .object(JSONObject([("promptTokenCount", JSONValue(promptTokens)),
                     ("candidatesTokenCount", JSONValue(candidateTokens)),
                     ("totalTokenCount", JSONValue(promptTokens + candidateTokens))]))
        }
        let modelVersion = model.hasPrefix("models/") ? String(model.dropFirst("models/".count)) : model
        let responseID = String(SeededGenerator.stableHash("\(index)|\(item.key ?? "")|\(item.prompt)", seed: seed), radix: 36)
        func response(_ head: [(String, JSONValue)], candidateTokens: Int) -> ItemResult {
            .response(.object(JSONObject(head + [("usageMetadata", usage(candidateTokens)),
                                       ("modelVersion", .string(modelVersion)),
                                       ("responseId", .string(responseID))])))
        }
        func textOnly(_ text: String, finishReason: String) -> ItemResult {
            response([("candidates", .array([.object(JSONObject([
                ("content", .object(JSONObject([("parts", .array([.object(JSONObject([("text", .string(text))]))])), ("role", .string("model"))]))),
                ("finishReason", .string(finishReason)), ("index", JSONValue(0))]))]))], candidateTokens: 12)
        }

        if outcomes.contains(.itemError) {
            return .error(.object(JSONObject([("code", JSONValue(3)),
                                   ("message", .string("Request contains an invalid argument (scripted item error)."))])))
        }
        if outcomes.contains(.blocked) {
            return response([("promptFeedback", .object(JSONObject([("blockReason", .string("SAFETY"))])))], candidateTokens: 0)
        }
        if outcomes.contains(.noImage) {
            return textOnly("I could not generate an image for this prompt.", finishReason: "NO_IMAGE")
        }
        if outcomes.contains(.imageSafety) {
            return textOnly("The generated image was filtered for safety.", finishReason: "IMAGE_SAFETY")
        }
        let image = try GeneratedImage.render(prompt: item.prompt, key: item.key ?? String(index), seed: seed,
                                              width: width, height: height, jpeg: outcomes.contains(.jpeg),
                                              alpha: outcomes.contains(.alpha), corrupt: outcomes.contains(.corrupt),
                                              style: style)
        let parts: JSONValue = .array([
            .object(JSONObject([("text", .string("Here is the image you asked for."))])),
            .object(JSONObject([("inlineData", .object(JSONObject([("mimeType", .string(image.mimeType)),
                                             ("data", .string(image.bytes.base64EncodedString()))])))])),
        ])
        return response([("candidates", .array([.object(JSONObject([
            ("content", .object(JSONObject([("parts", parts), ("role", .string("model"))]))),
            ("finishReason", .string("STOP")), ("index", JSONValue(0))]))]))], candidateTokens: 1290)
    }

    /// `{response|error, metadata}`: an element of `inlinedResponses.inlinedResponses`.
    func inlineEntry(for item: BatchItem) -> JSONValue {
        var members: [(String, JSONValue)] = []
        switch self {
        case .response(let body): members.append(("response", body))
        case .error(let status): members.append(("error", status))
        }
        if !item.metadata.isEmpty {
            members.append(("metadata", .object(JSONObject(item.metadata.map { ($0.0, JSONValue.string($0.1)) }))))
        }
        return .object(JSONObject(members))
    }

    /// `{key, response|error}`: one line of a JSONL responses file.
    func fileLine(for item: BatchItem, index: Int) -> JSONValue {
        let key: JSONValue = .string(item.key ?? String(index))
        switch self {
        case .response(let body): return .object(JSONObject([("key", key), ("response", body)]))
        case .error(let status): return .object(JSONObject([("key", key), ("error", status)]))
        }
    }
}
