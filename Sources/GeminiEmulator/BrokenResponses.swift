import FlyingFox
import FlyingSocks
import Foundation

/// Response bodies that break the connection on purpose, for the `drop` and `truncate` faults.
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

    /// Announces the full length, sends the first half, then fails the write loop so the server closes
    /// the socket instead of waiting on a keep-alive connection.
    static func truncated(_ response: HTTPResponse, fileURL: URL?) async -> HTTPResponse {
        let source: TruncatedBody.Source
        let fullLength: Int
        if let fileURL {
            fullLength = (try? FileManager.default.attributesOfItem(atPath: fileURL.path)[.size] as? Int) ?? 0
            source = .file(fileURL)
        } else {
            let body = (try? await response.bodyData) ?? Data()
            fullLength = body.count
            source = .data(body)
        }
        var headers = response.headers
        headers[.contentLength] = String(fullLength)
        let sequence = TruncatedBody(source: source, limit: fullLength / 2)
        return HTTPResponse(statusCode: response.statusCode, headers: headers,
                            body: HTTPBodySequence(from: sequence, count: fullLength))
    }

    struct TruncatedBody: AsyncBufferedSequence {
        enum Source: Sendable {
            case data(Data)
            case file(URL)
        }
        typealias Element = UInt8
        let source: Source
        let limit: Int

        func makeAsyncIterator() -> Iterator { Iterator(source: source, limit: limit) }

        struct Iterator: AsyncBufferedIteratorProtocol {
            let source: Source
            let limit: Int
            var offset = 0
            var handle: FileHandle?

            init(source: Source, limit: Int) {
                self.source = source
                self.limit = limit
            }

            mutating func next() async throws -> UInt8? {
                try await nextBuffer(suggested: 1)?.first
            }

            mutating func nextBuffer(suggested count: Int) async throws -> Data? {
                guard offset < limit else { throw InjectedFault() }
                let wanted = Swift.min(count, limit - offset)
                let chunk: Data
                switch source {
                case .data(let data):
                    chunk = data.subdata(in: offset..<(offset + wanted))
                case .file(let url):
                    if handle == nil { handle = try FileHandle(forReadingFrom: url) }
                    chunk = try handle?.read(upToCount: wanted) ?? Data()
                }
                guard !chunk.isEmpty else { throw InjectedFault() }
                offset += chunk.count
                return chunk
            }
        }
    }
}
