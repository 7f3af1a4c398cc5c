import Foundation

extension BatchRequest {
    /// The `GenerateContentRequest` object of this request: reference images as `inlineData` parts before the
    /// prompt text, `generationConfig` with the modalities and whichever image, thinking and media options are
    /// set, and `tools` when grounded. The same object serves an inline create and (later) a JSONL input line.
    ///
    /// ```swift
    /// request.generateContentRequest(responseModalities: ["TEXT", "IMAGE"])["contents"]
    /// // [["role": "user", "parts": [["inlineData": ["mimeType": "image/png", "data": "iVBOR…"]], ["text": "…"]]]]
    /// ```
    func generateContentRequest(responseModalities: [String]) -> [String: Any] {
        var generationConfig: [String: Any] = ["responseModalities": responseModalities]
        var imageConfig: [String: Any] = [:]
        if let aspectRatio { imageConfig["aspectRatio"] = aspectRatio }
        if let imageSize { imageConfig["imageSize"] = imageSize }
        if !imageConfig.isEmpty { generationConfig["imageConfig"] = imageConfig }
        if let thinkingLevel { generationConfig["thinkingConfig"] = ["thinkingLevel": thinkingLevel] }
        if let mediaResolution { generationConfig["mediaResolution"] = mediaResolution }
        var parts: [[String: Any]] = referenceImages.map { image in
            ["inlineData": ["mimeType": image.mimeType, "data": image.data.base64EncodedString()]]
        }
        parts.append(["text": prompt])
        var request: [String: Any] = [
            "contents": [["role": "user", "parts": parts] as [String: Any]],
            "generationConfig": generationConfig,
        ]
        if searchGrounding { request["tools"] = [["google_search": [String: Any]()]] }
        return request
    }

    /// The body of `POST models/{m}:batchGenerateContent` with the requests inline; refused locally when empty
    /// or when it would reach the service's 20 MB inline limit.
    static func createBody(displayName: String, requests: [BatchRequest],
                           responseModalities: [String]) throws(GeminiError) -> Data {
        guard !requests.isEmpty else { throw .invalidRequest("a batch needs at least one request") }
        let inline: [[String: Any]] = requests.map { request in
            ["request": request.generateContentRequest(responseModalities: responseModalities), "metadata": ["key": request.key]]
        }
        let body: [String: Any] = [
            "batch": [
                "displayName": displayName,
                "inputConfig": ["requests": ["requests": inline]],
            ] as [String: Any],
        ]
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw .invalidRequest("create body could not be encoded")
        }
        let limit = GeminiBatchClient.inlineCreateLimit
        guard data.count < limit else {
            throw .invalidRequest("inline create body is \(data.count) bytes; the limit is \(limit)")
        }
        return data
    }

    /// Bytes the inline create body takes for these requests beyond their prompts, roughly: the base64 of every
    /// reference image. Lets the submit path refuse a batch that cannot go inline before anything is recorded.
    public static func inlineImageBytes(_ requests: [BatchRequest]) -> Int {
        requests.reduce(0) { total, request in
            total + request.referenceImages.reduce(0) { $0 + ($1.data.count + 2) / 3 * 4 + $1.mimeType.utf8.count + 48 }
        }
    }
}
