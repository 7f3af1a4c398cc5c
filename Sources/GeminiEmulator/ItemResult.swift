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
}
