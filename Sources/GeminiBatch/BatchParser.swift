import Foundation

/// Tolerant readers for the Batch API's JSON bodies: unknown fields are ignored, both state prefixes and
/// both output locations are accepted, snake_case twins of camelCase fields are read too.
///
/// ```swift
/// let batch = try BatchParser.batch(from: responseBody)
/// let item = BatchParser.itemResult(fromResponsesFileLine: line, index: 0)
/// ```
/// Answers too large to hold (a finished inline batch) are read from disk instead, see
/// ``batch(fromAnswerFile:outlineLimit:cleaner:)`` and ``BatchItems``.
/// ```swift
/// ```
public enum BatchParser {
    /// Parses one Operation (create, get, or one entry of a list).
    public static func batch(from data: Data) throws(GeminiError) -> Batch {
        try batch(fromObject: jsonObject(data, what: "batch"))
    }

    /// Parses a list page: the batches and the next page token (nil when the listing is complete).
    public static func batchPage(from data: Data) throws(GeminiError) -> (batches: [Batch], nextPageToken: String?) {
        let object = try jsonObject(data, what: "batch list")
        let entries = (object["operations"] as? [Any]) ?? (object["batches"] as? [Any]) ?? []
        var batches: [Batch] = []
        for (position, entry) in entries.enumerated() {
            guard let dictionary = entry as? [String: Any] else {
                throw .invalidResponse("batch list entry \(position) is not an object")
            }
            batches.append(try batch(fromObject: dictionary))
        }
        let token = string(object, "nextPageToken", "next_page_token")
        return (batches, token?.isEmpty == false ? token : nil)
    }

    /// Parses a `{"error": {code, message, status, details}}` body; nil when the body is not one.
    public static func rpcStatus(fromErrorBody data: Data) -> RPCStatus? {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let error = object["error"] as? [String: Any] else { return nil }
        return rpcStatus(fromObject: error)
    }

    /// Parses one line of a downloaded responses file (`{"key", "response" | "error" | "status"}`).
    /// A line that is not JSON becomes a `.malformed` failure rather than an error, so one bad line does not
    /// hide the others. `blobs` holds the image bytes a streaming read took out of the line (see ``BatchItems``).
    public static func itemResult(fromResponsesFileLine line: Data, index: Int, blobs: [Data] = []) -> BatchItemResult {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
            return BatchItemResult(key: nil, index: index,
                                   outcome: .failed(ItemFailure(kind: .malformed,
                                                                reason: "line \(index + 1) is not a JSON object")))
        }
        let metadataKey = (object["metadata"] as? [String: Any]).flatMap { string($0, "key") }
        return itemResult(fromObject: object, index: index, key: string(object, "key") ?? metadataKey, blobs: blobs)
    }

    /// Parses one element of `inlinedResponses` (`{response | error, metadata: {key}}`).
    static func itemResult(fromInlineEntry entry: Data, index: Int, blobs: [Data]) -> BatchItemResult {
        guard let object = try? JSONSerialization.jsonObject(with: entry) as? [String: Any] else {
            return BatchItemResult(key: nil, index: index,
                                   outcome: .failed(ItemFailure(kind: .malformed, reason: "item is not an object")))
        }
        let key = (object["metadata"] as? [String: Any]).flatMap { string($0, "key") }
        return itemResult(fromObject: object, index: index, key: key, blobs: blobs)
    }

    /// Reads a batch answer that was streamed to `file`: its outline (everything but the item arrays) must
    /// fit in `outlineLimit` bytes; inline items stay in the file and are read one at a time later. The output
    /// appears twice in real answers (`response` and `metadata.output`): the first item array is used.
    static func batch(fromAnswerFile file: TemporaryFile, outlineLimit: Int, cleaner: ServiceText) throws(GeminiError) -> Batch {
        let reader = try FileByteReader(path: file.url.path)
        var scanner = JSONByteScanner(reader: reader, mode: .outline, limit: outlineLimit)
        do throws(JSONByteScanner.Failure) {
            try scanner.value()
        } catch {
            switch error {
            case .malformed(let reason): throw .invalidResponse("batch answer is not JSON: \(reason)")
            case .tooLarge(let limit): throw .answerTooLarge(limit: limit)
            }
        }
        var batch = try batch(fromObject: jsonObject(Data(scanner.output), what: "batch"))
        if let offset = scanner.firstItemsOffset, batch.output != nil {
            if case .responsesFile = batch.output {} else {
                batch.output = .inline(BatchItems(source: .itemArray(file, offset: offset), count: scanner.firstItemsCount,
                                                  cleaner: cleaner, itemLimit: outlineLimit))
            }
        }
        return batch
    }

    // MARK: - Operation

    static func batch(fromObject object: [String: Any]) throws(GeminiError) -> Batch {
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        guard let name = string(object, "name") ?? string(metadata, "name") else {
            throw .invalidResponse("batch has no name")
        }
        let stateText = string(metadata, "state") ?? string(object, "state")
        var batch = Batch(name: name, state: stateText.map(BatchState.init(wire:)) ?? .unspecified)
        batch.displayName = string(metadata, "displayName", "display_name")
        batch.model = string(metadata, "model")
        batch.createTime = string(metadata, "createTime", "create_time").flatMap(parseTimestamp)
        batch.updateTime = string(metadata, "updateTime", "update_time").flatMap(parseTimestamp)
        batch.endTime = string(metadata, "endTime", "end_time").flatMap(parseTimestamp)
        if let stats = (metadata["batchStats"] ?? metadata["batch_stats"]) as? [String: Any] {
            batch.stats = BatchStats(
                requestCount: int(stats, "requestCount", "request_count") ?? 0,
                successfulRequestCount: int(stats, "successfulRequestCount", "successful_request_count") ?? 0,
                failedRequestCount: int(stats, "failedRequestCount", "failed_request_count") ?? 0,
                pendingRequestCount: int(stats, "pendingRequestCount", "pending_request_count") ?? 0)
        }
        // Real answers carry the output twice; `response` is the Operation's result, `metadata.output` what the
        // SDK reads. Prefer the first, fall back to the second.
        let locations = [object["response"], metadata["output"]].compactMap { $0 as? [String: Any] }
        for location in locations {
            if let output = output(fromObject: location) {
                batch.output = output
                break
            }
        }
        if let error = object["error"] as? [String: Any] {
            batch.error = rpcStatus(fromObject: error)
        }
        return batch
    }

    static func output(fromObject object: [String: Any]) -> BatchOutput? {
        if let file = string(object, "responsesFile", "responses_file"), !file.isEmpty {
            return .responsesFile(file)
        }
        guard let wrapper = object["inlinedResponses"] ?? object["inlined_responses"] else { return nil }
        let items: [Any]
        if let nested = wrapper as? [String: Any] {
            items = (nested["inlinedResponses"] ?? nested["inlined_responses"]) as? [Any] ?? []
        } else {
            items = wrapper as? [Any] ?? []
        }
        let results = items.enumerated().map { position, item -> BatchItemResult in
            guard let dictionary = item as? [String: Any] else {
                return BatchItemResult(key: nil, index: position,
                                       outcome: .failed(ItemFailure(kind: .malformed, reason: "item is not an object")))
            }
            let key = (dictionary["metadata"] as? [String: Any]).flatMap { string($0, "key") }
            return itemResult(fromObject: dictionary, index: position, key: key)
        }
        return .inline(BatchItems(results))
    }

    // MARK: - Items

    static func itemResult(fromObject object: [String: Any], index: Int, key: String?, blobs: [Data] = []) -> BatchItemResult {
        func failed(_ kind: ItemFailure.Kind, code: Int? = nil, _ reason: String, usage: TokenUsage? = nil) -> BatchItemResult {
            BatchItemResult(key: key, index: index, outcome: .failed(ItemFailure(kind: kind, code: code, reason: reason)),
                            usage: usage)
        }
        // File lines carry `error` or, as some clients have met, `status`.
        if let error = (object["error"] ?? object["status"]) as? [String: Any] {
            let status = rpcStatus(fromObject: error)
            return failed(.error, code: status.code, status.message.isEmpty ? status.status : status.message)
        }
        guard let response = object["response"] as? [String: Any] else {
            return failed(.malformed, "item has neither response nor error")
        }
        let usage = tokenUsage(response["usageMetadata"] ?? response["usage_metadata"])
        let candidates = response["candidates"] as? [[String: Any]] ?? []
        if candidates.isEmpty {
            let feedback = (response["promptFeedback"] ?? response["prompt_feedback"]) as? [String: Any] ?? [:]
            if let blockReason = string(feedback, "blockReason", "block_reason") {
                let message = string(feedback, "blockReasonMessage", "block_reason_message")
                return failed(.blocked, message.map { "\(blockReason): \($0)" } ?? blockReason, usage: usage)
            }
            return failed(.noImage, "no candidates", usage: usage)
        }
        var texts: [String] = []
        var images: [ItemImage] = []
        var finishReason: String?
        var finishMessage: String?
        for candidate in candidates {
            finishReason = finishReason ?? string(candidate, "finishReason", "finish_reason")
            finishMessage = finishMessage ?? string(candidate, "finishMessage", "finish_message")
            let content = candidate["content"] as? [String: Any] ?? [:]
            for part in content["parts"] as? [[String: Any]] ?? [] {
                // Gemini 3 models send interim thoughts, draft images among them, before the final image.
                if part["thought"] as? Bool == true { continue }
                if let text = part["text"] as? String { texts.append(text) }
                guard let inline = (part["inlineData"] ?? part["inline_data"]) as? [String: Any],
                      let encoded = inline["data"] as? String else { continue }
                guard let bytes = imageBytes(encoded, blobs: blobs) else {
                    return failed(.malformed, "inlineData.data is not base64", usage: usage)
                }
                let mimeType = string(inline, "mimeType", "mime_type") ?? "application/octet-stream"
                images.append(ItemImage(data: bytes, declaredMimeType: mimeType))
            }
        }
        let text = texts.isEmpty ? nil : texts.joined(separator: "\n")
        if !images.isEmpty {
            return BatchItemResult(key: key, index: index, outcome: .images(images), text: text, usage: usage)
        }
        var reason = "no image part"
        if let finishReason, finishReason != "STOP" { reason = finishReason }
        if let finishMessage { reason += ": \(finishMessage)" }
        return failed(.noImage, reason, usage: usage)
    }

    /// The bytes behind an `inlineData.data` string: a blob taken out by the streaming reader, or base64 text.
    static func imageBytes(_ encoded: String, blobs: [Data]) -> Data? {
        if encoded.hasPrefix("#blob:") {
            guard encoded.hasSuffix("#"), let index = Int(encoded.dropFirst(6).dropLast()), blobs.indices.contains(index) else {
                return nil
            }
            return blobs[index]
        }
        return decodeBase64(encoded)
    }

    static func tokenUsage(_ value: Any?) -> TokenUsage? {
        guard let object = value as? [String: Any] else { return nil }
        return TokenUsage(promptTokens: int(object, "promptTokenCount", "prompt_token_count") ?? 0,
                          candidatesTokens: int(object, "candidatesTokenCount", "candidates_token_count") ?? 0,
                          thoughtsTokens: int(object, "thoughtsTokenCount", "thoughts_token_count") ?? 0,
                          totalTokens: int(object, "totalTokenCount", "total_token_count") ?? 0)
    }

    // MARK: - Status

    static func rpcStatus(fromObject object: [String: Any]) -> RPCStatus {
        var status = RPCStatus(code: int(object, "code") ?? 0, status: string(object, "status") ?? "",
                               message: string(object, "message") ?? "")
        for detail in object["details"] as? [[String: Any]] ?? [] {
            guard let type = string(detail, "@type") else { continue }
            if type.hasSuffix("google.rpc.RetryInfo") {
                status.retryDelay = parseProtoDuration(detail["retryDelay"] ?? detail["retry_delay"])
            } else if type.hasSuffix("google.rpc.ErrorInfo") {
                status.reason = string(detail, "reason")
            }
        }
        return status
    }

    /// proto-JSON Duration: "1.5s", or the object form `{seconds, nanos}`.
    static func parseProtoDuration(_ value: Any?) -> Double? {
        if let text = value as? String {
            let trimmed = text.hasSuffix("s") ? String(text.dropLast()) : text
            return Double(trimmed).flatMap { $0 >= 0 ? $0 : nil }
        }
        if let object = value as? [String: Any] {
            let seconds = Double(int(object, "seconds") ?? 0)
            let nanos = Double(int(object, "nanos") ?? 0)
            return seconds + nanos / 1e9
        }
        return nil
    }

    // MARK: - Scalars

    static func jsonObject(_ data: Data, what: String) throws(GeminiError) -> [String: Any] {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .invalidResponse("\(what) body is not JSON (\(data.count) bytes)")
        }
        guard let object = parsed as? [String: Any] else {
            throw .invalidResponse("\(what) body is not a JSON object")
        }
        return object
    }

    static func string(_ object: [String: Any], _ keys: String...) -> String? {
        for key in keys {
            if let value = object[key] as? String { return value }
        }
        return nil
    }

    /// int64 fields arrive as strings in proto-JSON, but numbers are accepted too.
    static func int(_ object: [String: Any], _ keys: String...) -> Int? {
        for key in keys {
            switch object[key] {
            case let text as String: if let value = Int(text) { return value }
            case let number as NSNumber: return number.intValue
            default: continue
            }
        }
        return nil
    }

    static func decodeBase64(_ text: String) -> Data? {
        if let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) { return data }
        // URL-safe alphabet or missing padding.
        var normalized = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        normalized = normalized.filter { !$0.isWhitespace }
        let remainder = normalized.count % 4
        if remainder != 0 { normalized += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: normalized)
    }

    /// RFC 3339 with any number of fractional digits (the API sends nanoseconds), e.g.
    /// "2025-12-10T18:27:01.407650525Z" or "2025-12-10T19:27:01+01:00".
    static func parseTimestamp(_ text: String) -> Date? {
        let chars = Array(text.utf8)
        func number(_ start: Int, _ length: Int) -> Int? {
            guard start + length <= chars.count else { return nil }
            var value = 0
            for c in chars[start..<(start + length)] {
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard chars.count >= 20, let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var position = 19
        var fraction = 0.0
        if position < chars.count, chars[position] == UInt8(ascii: ".") {
            position += 1
            var scale = 0.1
            while position < chars.count, chars[position] >= 48, chars[position] <= 57 {
                fraction += Double(chars[position] - 48) * scale
                scale /= 10
                position += 1
            }
        }
        guard position < chars.count else { return nil }
        var offsetSeconds = 0
        switch chars[position] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"): break
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard let offsetHour = number(position + 1, 2), let offsetMinute = number(position + 4, 2) else { return nil }
            offsetSeconds = (offsetHour * 3600 + offsetMinute * 60) * (chars[position] == UInt8(ascii: "-") ? -1 : 1)
        default: return nil
        }
        // Days from the civil date (proleptic Gregorian), after H. Hinnant's algorithm.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
