import FlyingFox
import FlyingSocks
import Foundation

/// Response bodies that break the connection on purpose, for the `drop` and `truncate` faults and the
/// hanging server.
enum BrokenResponses {
    struct InjectedFault: Error {}

    /// FlyingFox asks a WebSocket handler for its frames *before* it writes a single byte of the response,
    /// and closes the connection when that throws: the cleanest way to hang up without any answer.
    struct HangUp: WSHandler {
        func makeFrames(for client: AsyncThrowingStream<WSFrame, any Error>) async throws -> AsyncStream<WSFrame> {
            throw InjectedFault()
        }
    }

    static func dropConnection() -> HTTPResponse {
        HTTPResponse(headers: [:], webSocket: HangUp())
    }

    /// Holds the request for `milliseconds` without a byte of answer, then hangs up: a server that accepted
    /// the connection and never answers. Cancelled (and so ended) when the emulator stops.
    static func hang(milliseconds: Int) async -> HTTPResponse {
        try? await Task.sleep(for: .milliseconds(milliseconds))
        return dropConnection()
    }

    /// Announces the full length, sends the first half, then fails the write loop so the server closes
    /// the socket instead of waiting on a keep-alive connection.
    static func truncated(_ response: HTTPResponse, body: StreamedBody?) async -> HTTPResponse {
        var whole = body
        if whole == nil { whole = StreamedBody([.bytes((try? await response.bodyData) ?? Data())]) }
        guard var truncated = whole else { return response }
        truncated.limit = truncated.count / 2
        var headers = response.headers
        headers[.contentLength] = String(truncated.count)
        return HTTPResponse(statusCode: response.statusCode, headers: headers,
                            body: HTTPBodySequence(from: truncated, count: truncated.count, suggestedBufferSize: 1 << 20))
    }
}
