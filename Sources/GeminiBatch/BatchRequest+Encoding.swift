import Foundation

extension BatchRequest {
    /// The `GenerateContentRequest` object of this request: reference images as `inlineData` parts before the
    /// prompt text, `generationConfig` with the modalities and whichever image, thinking and media options are
    /// set, and `tools` when grounded. The same object serves an inline create and a JSONL input line. Each
    /// image's `data` is a placeholder token, filled in by ``JSONTemplate`` when the document is written.
    ///
    /// ```swift
    /// request.generateContentRequest(responseModalities: ["TEXT", "IMAGE"], placeholders: p, firstImage: 0)["contents"]
    /// // [["role": "user", "parts": [["inlineData": ["mimeType": "image/png", "data": "pfc-image-…-0"]], ["text": "…"]]]]
    /// ```
    func generateContentRequest(responseModalities: [String], placeholders: JSONTemplate.Placeholders,
                                firstImage: Int) -> [String: Any] {
        var generationConfig: [String: Any] = ["responseModalities": responseModalities]
        var imageConfig: [String: Any] = [:]
        if let aspectRatio { imageConfig["aspectRatio"] = aspectRatio }
        if let imageSize { imageConfig["imageSize"] = imageSize }
        if !imageConfig.isEmpty { generationConfig["imageConfig"] = imageConfig }
        if let thinkingLevel { generationConfig["thinkingConfig"] = ["thinkingLevel": thinkingLevel] }
        if let mediaResolution { generationConfig["mediaResolution"] = mediaResolution }
        var parts: [[String: Any]] = referenceImages.enumerated().map { index, image in
            ["inlineData": ["mimeType": image.mimeType, "data": placeholders.token(firstImage + index)]]
        }
        parts.append(["text": prompt])
        var request: [String: Any] = [
            "contents": [["role": "user", "parts": parts] as [String: Any]],
            "generationConfig": generationConfig,
        ]
        if searchGrounding { request["tools"] = [["google_search": [String: Any]()]] }
        return request
    }

    /// The inline create body as a template: its exact size is known before any image is read.
    static func createTemplate(displayName: String, requests: [BatchRequest],
                               responseModalities: [String]) throws(GeminiError) -> JSONTemplate {
        guard !requests.isEmpty else { throw .invalidRequest("a batch needs at least one request") }
        let placeholders = JSONTemplate.Placeholders()
        var imageCount = 0
        let inline: [[String: Any]] = requests.map { request in
            defer { imageCount += request.referenceImages.count }
            return ["request": request.generateContentRequest(responseModalities: responseModalities, placeholders: placeholders,
                                                              firstImage: imageCount),
                    "metadata": ["key": request.key]]
        }
        let body: [String: Any] = [
            "batch": [
                "displayName": displayName,
                "inputConfig": ["requests": ["requests": inline]],
            ] as [String: Any],
        ]
        return try JSONTemplate(body, images: requests.flatMap(\.referenceImages), placeholders: placeholders)
    }

    /// The body of `POST models/{m}:batchGenerateContent` with the requests inline; refused locally when empty
    /// or when it would reach the service's 20 MB inline limit (before any image is read).
    static func createBody(displayName: String, requests: [BatchRequest],
                           responseModalities: [String]) throws(GeminiError) -> Data {
        let template = try createTemplate(displayName: displayName, requests: requests, responseModalities: responseModalities)
        let limit = GeminiBatchClient.inlineCreateLimit
        guard template.renderedLength < limit else {
            throw .invalidRequest("inline create body is \(template.renderedLength) bytes; the limit is \(limit)")
        }
        var data = Data()
        data.reserveCapacity(template.renderedLength)
        try template.render { data.append($0) }
        return data
    }

    /// The exact size in bytes of the inline create body for these requests, computed without reading any image:
    /// how the submit path decides between an inline create and an uploaded JSONL input file.
    ///
    /// ```swift
    /// let inline = try BatchRequest.inlineCreateBodyBytes(displayName: name, requests: requests) < GeminiBatchClient.inlineCreateLimit
    /// ```
    public static func inlineCreateBodyBytes(displayName: String, requests: [BatchRequest],
                                             responseModalities: [String] = ["TEXT", "IMAGE"]) throws(GeminiError) -> Int {
        try createTemplate(displayName: displayName, requests: requests, responseModalities: responseModalities).renderedLength
    }

    /// The body of a create from an uploaded JSONL file (`inputConfig.fileName`).
    static func fileCreateBody(displayName: String, fileName: String) throws(GeminiError) -> Data {
        let body: [String: Any] = ["batch": ["displayName": displayName, "inputConfig": ["fileName": fileName]] as [String: Any]]
        do {
            return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw .invalidRequest("create body could not be encoded")
        }
    }

    /// Bytes the inline create body takes for these requests beyond their prompts: the base64 of every
    /// reference image and its part's JSON.
    public static func inlineImageBytes(_ requests: [BatchRequest]) -> Int {
        requests.reduce(0) { total, request in
            total + request.referenceImages.reduce(0) { $0 + $1.base64Length + $1.mimeType.utf8.count + 48 }
        }
    }
}
