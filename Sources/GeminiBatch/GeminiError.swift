/// Every failure of a `GeminiBatchClient` call. No case ever holds the API key or a request header.
///
/// ```swift
/// do { _ = try await client.getBatch(name) }
/// catch .notFound { /* the batch is gone */ }
/// catch { logger.error("\(error)") }
/// ```
public indirect enum GeminiError: Error, Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible
{
    /// A non-2xx answer with its `google.rpc.Status` (synthesised from the HTTP status when the body had none).
    case api(httpStatus: Int, status: RPCStatus)
    /// HTTP 404: the batch or file does not exist (any more).
    case notFound(RPCStatus)
    /// A libcurl failure other than a timeout: curl's code and message.
    case transport(curlCode: Int, message: String)
    /// Connect, total or low-speed timeout (curl 28).
    case timeout(String)
    /// The connection closed before the announced body was complete (curl 18).
    case truncatedBody(String)
    /// A 2xx answer that could not be understood.
    case invalidResponse(String)
    /// The call was refused locally before anything was sent (bad model or batch name).
    case invalidRequest(String)
    /// Retries stopped (count or total time) while the failure was still retryable.
    case retryBudgetExhausted(attempts: Int, last: GeminiError)
    /// A create may have reached the server but its answer was lost (timeout or dropped connection after
    /// sending, 5xx). Never retried blindly: look the batch up by `displayName` before creating again.
    case createOutcomeUnknown(displayName: String, underlying: GeminiError)
    /// The answer passed the size allowed for it (a status answer, a list page, one item without its images);
    /// a transient failure of the job, not retried within the call.
    case answerTooLarge(limit: Int)
    /// Writing the downloaded file failed.
    case fileSystem(String)
    /// The calling task was cancelled.
    case cancelled

    /// The RPC status of an API answer, if this error came from one.
    public var rpcStatus: RPCStatus? {
        switch self {
        case .api(_, let status), .notFound(let status): status
        case .retryBudgetExhausted(_, let last): last.rpcStatus
        case .createOutcomeUnknown(_, let underlying): underlying.rpcStatus
        default: nil
        }
    }

    /// HTTP status of an API answer, if this error came from one.
    public var httpStatus: Int? {
        switch self {
        case .api(let http, _): http
        case .notFound: 404
        case .retryBudgetExhausted(_, let last): last.httpStatus
        case .createOutcomeUnknown(_, let underlying): underlying.httpStatus
        default: nil
        }
    }

    /// The service refused the key itself: 401/403, or 400 with ErrorInfo reason `API_KEY_INVALID` /
    /// `API_KEY_EXPIRED` (how the real service answers a wrong, revoked or expired key). Every call would fail the
    /// same way, so a run stops instead of counting it against a job.
    public var isKeyRejected: Bool {
        guard let http = httpStatus else { return false }
        if http == 401 || http == 403 { return true }
        return http == 400 && rpcStatus?.reason.map(RPCStatus.keyRejectionReasons.contains) == true
    }

    public var description: String {
        switch self {
        case .api(let http, let status): "Gemini API error (HTTP \(http)): \(status)"
        case .notFound(let status): "not found: \(status)"
        case .transport(let code, let message): "transport error (curl \(code)): \(message)"
        case .timeout(let message): "timeout: \(message)"
        case .truncatedBody(let message): "truncated response body: \(message)"
        case .invalidResponse(let reason): "invalid response: \(reason)"
        case .invalidRequest(let reason): "invalid request: \(reason)"
        case .retryBudgetExhausted(let attempts, let last): "gave up after \(attempts) attempts: \(last)"
        case .createOutcomeUnknown(let displayName, let underlying):
            "create of batch '\(displayName)' may or may not have succeeded: \(underlying)"
        case .answerTooLarge(let limit): "the API's answer is larger than \(limit) bytes, more than such an answer can need; not read"
        case .fileSystem(let message): "file error: \(message)"
        case .cancelled: "cancelled"
        }
    }

    public var debugDescription: String { "GeminiError.\(description)" }
}
