import Foundation

extension GeminiBatchClient {
    /// `GET /{version}/models/{model}`: the cheapest call that proves the key works and the model exists.
    ///
    /// ```swift
    /// do {
    ///     let info = try await client.getModel("gemini-3-pro-image")
    ///     print(info.supportsBatch)
    /// } catch let error where error.isKeyRejected { print("key refused") }
    ///   catch .notFound { print("no such model") }
    /// ```
    /// `model` may be bare or `models/...`; a 404 throws `.notFound`.
    public func getModel(_ model: String) async throws(GeminiError) -> ModelInfo {
        let id = try Self.modelID(model)
        let response = try await send(transfer(.get, path: "\(versionPath)/models/\(id)"))
        let object = try BatchParser.jsonObject(response.body, what: "model")
        guard let info = ModelInfo.parse(object) else { throw .invalidResponse("model answer has no name") }
        return info
    }

    /// `GET /{version}/models`, following `nextPageToken` until it is empty or missing. Entries without a
    /// name are skipped.
    public func listModels(pageSize: Int = 1000) async throws(GeminiError) -> [ModelInfo] {
        var all: [ModelInfo] = []
        var token: String?
        var seenTokens: Set<String> = []
        repeat {
            var query = [("pageSize", String(max(1, pageSize)))]
            if let token { query.append(("pageToken", token)) }
            let response = try await send(transfer(.get, path: "\(versionPath)/models", query: query))
            let object = try BatchParser.jsonObject(response.body, what: "model list")
            all += (object["models"] as? [[String: Any]] ?? []).compactMap(ModelInfo.parse)
            token = BatchParser.string(object, "nextPageToken", "next_page_token").flatMap { $0.isEmpty ? nil : $0 }
            if let token, !seenTokens.insert(token).inserted {
                throw .invalidResponse("model list paging repeated page token")
            }
        } while token != nil
        return all
    }
}
