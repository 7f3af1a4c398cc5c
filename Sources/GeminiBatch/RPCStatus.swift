/// A `google.rpc.Status`: the body of an API error, an Operation's `error`, or a failed item's `error`.
///
/// ```swift
/// // {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}}
/// status.code == 404; status.status == "NOT_FOUND"
/// ```
public struct RPCStatus: Sendable, Hashable, CustomStringConvertible {
    /// HTTP-style code for API errors (404, 429, ...) or a gRPC code for items (3 = INVALID_ARGUMENT).
    public var code: Int
    /// Symbolic status (`NOT_FOUND`, `RESOURCE_EXHAUSTED`); empty when the body had none.
    public var status: String
    public var message: String
    /// Server's hint from `details[]` of type `google.rpc.RetryInfo`, in seconds.
    public var retryDelay: Double?
    /// `reason` of a `google.rpc.ErrorInfo` in `details[]`, e.g. `API_KEY_INVALID`.
    public var reason: String?

    public init(code: Int, status: String = "", message: String, retryDelay: Double? = nil, reason: String? = nil) {
        self.code = code
        self.status = status
        self.message = message
        self.retryDelay = retryDelay
        self.reason = reason
    }

    /// ErrorInfo reasons with which the service refuses the key itself (it answers these with HTTP 400, not 401/403).
    public static let keyRejectionReasons: Set<String> = ["API_KEY_INVALID", "API_KEY_EXPIRED"]

    public var description: String {
        let head = status.isEmpty ? "\(code)" : "\(code) \(status)"
        return message.isEmpty ? head : "\(head): \(message)"
    }
}
