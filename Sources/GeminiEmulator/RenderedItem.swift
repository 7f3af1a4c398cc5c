import OrderedJSON

/// One rendered item with what its two wire forms need: the echoed metadata for the inline entry and the
/// key and failure field for a responses-file line.
struct RenderedItem: Sendable {
    var result: ItemResult
    var record: ItemRecord
    /// The request's metadata as echoed back (the `control-chars` marker taints `key`).
    var metadata: [(String, String)]
    /// The top-level `key` of a responses-file line.
    var fileKey: String
    /// `error`, or `status` for the `status-line` marker and `responsesFileErrorField = "status"`.
    var failureField: String = "error"

    /// `{response|error, metadata}`: an element of `inlinedResponses.inlinedResponses`.
    var inlineEntry: JSONValue {
        var members: [(String, JSONValue)] = []
        switch result {
        case .response(let body): members.append(("response", body))
        case .error(let status): members.append(("error", status))
        }
        if !metadata.isEmpty {
            members.append(("metadata", .object(JSONObject(metadata.map { ($0.0, JSONValue.string($0.1)) }))))
        }
        return .object(JSONObject(members))
    }

    /// `{key, response|error|status}`: one line of a JSONL responses file.
    var fileLine: JSONValue {
        let key: JSONValue = .string(fileKey)
        switch result {
        case .response(let body): return .object(JSONObject([("key", key), ("response", body)]))
        case .error(let status): return .object(JSONObject([("key", key), (failureField, status)]))
        }
    }
}
