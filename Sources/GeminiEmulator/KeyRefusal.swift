import FlyingFox
import OrderedJSON

/// Why the API refused a request's `x-goog-api-key`, and the answer the real service gives for it
/// (section 12, row 6): a missing key is 403 PERMISSION_DENIED; a wrong, revoked or expired key is
/// **400** INVALID_ARGUMENT with a `google.rpc.ErrorInfo` whose `reason` says which.
///
/// ```swift
/// KeyRefusal.check(sent: "wrong", settings: settings)   // .invalid -> 400 API_KEY_INVALID
/// ```
enum KeyRefusal: Sendable, Equatable {
    case missing
    case invalid
    case expired

    /// nil when the key is the accepted one (and not expired).
    static func check(sent: String?, settings: EmulatorConfiguration) -> KeyRefusal? {
        guard let sent, !sent.isEmpty else { return .missing }
        if settings.expiredKeys.contains(sent) { return .expired }
        return sent == settings.apiKey ? nil : .invalid
    }

    func response(legacy: Bool) -> HTTPResponse {
        switch self {
        case .missing:
            return Self.permissionDenied
        case .invalid where legacy:
            return Self.permissionDenied
        case .invalid:
            return Self.keyError(reason: "API_KEY_INVALID", message: "API key not valid. Please pass a valid API key.")
        case .expired:
            return Self.keyError(reason: "API_KEY_EXPIRED", message: "API key expired. Please renew the API key.")
        }
    }

    private static var permissionDenied: HTTPResponse {
        StatusResponse.error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established "
            + "identity). Please use API Key or other form of API consumer identity to call this API.")
    }

    private static func keyError(reason: String, message: String) -> HTTPResponse {
        StatusResponse.error(400, "INVALID_ARGUMENT", message, details: [.object(JSONObject([
            ("@type", .string("type.googleapis.com/google.rpc.ErrorInfo")),
            ("reason", .string(reason)),
            ("domain", .string("googleapis.com")),
            ("metadata", .object(JSONObject([("service", .string("generativelanguage.googleapis.com"))]))),
        ]))])
    }
}
