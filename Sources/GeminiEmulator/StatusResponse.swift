import FlyingFox
import Foundation
import OrderedJSON

/// `google.rpc.Status` error answers and JSON answers, shaped as the real service sends them.
enum StatusResponse {
    static func json(_ value: JSONValue, status: HTTPStatusCode = .ok) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "application/json; charset=UTF-8"],
                     body: value.serializedData())
    }

    static func error(_ code: Int, _ status: String, _ message: String,
                      details: [JSONValue] = [], headers extra: [HTTPHeader: String] = [:]) -> HTTPResponse {
        let body: JSONValue = .object(JSONObject([("error", .object(JSONObject([
            ("code", JSONValue(code)), ("message", .string(message)), ("status", .string(status)),
            ("details", .array(details)),
        ])))]))
        var headers = HTTPHeaders([.contentType: "application/json; charset=UTF-8"])
        for (name, value) in extra { headers[name] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(code, phrase: phrase(code)), headers: headers,
                            body: body.serializedData())
    }

    static func invalidArgument(_ message: String) -> HTTPResponse {
        error(400, "INVALID_ARGUMENT", message)
    }

    static func notFound(_ message: String = "Requested entity was not found.") -> HTTPResponse {
        error(404, "NOT_FOUND", message)
    }

    private static func phrase(_ code: Int) -> String {
        switch code {
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 413: return "Payload Too Large"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Error"
        }
    }
}
