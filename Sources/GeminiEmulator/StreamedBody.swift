import FlyingFox
import FlyingSocks
import Foundation

/// A response body made of pieces read one buffer at a time: bytes in memory, whole files, or one byte
/// repeated. A finished inline batch (gigabytes) is its small JSON head and tail around its items file,
/// twice; a padded status answer is JSON plus a run of padding. Neither is ever held whole in memory.
///
/// ```swift
/// let body = StreamedBody([.bytes(Data("{\"a\":".utf8)), .file(url, length: size), .bytes(Data("}".utf8))])
/// let response = body.response()
/// ```
struct StreamedBody: AsyncBufferedSequence, Sendable {
    enum Segment: Sendable {
        case bytes(Data)
        case file(URL, length: Int)
        case repeated(UInt8, count: Int)

        var length: Int {
            switch self {
            case .bytes(let data): return data.count
            case .file(_, let length): return length
            case .repeated(_, let count): return count
            }
        }
    }

    /// Raised past `limit`: the server closes the connection without finishing the body.
    struct Truncated: Error {}

    typealias Element = UInt8
    let segments: [Segment]
    /// Bytes to send before failing on purpose (the `truncate` fault); nil sends everything.
    var limit: Int?

    init(_ segments: [Segment], limit: Int? = nil) {
        self.segments = segments
        self.limit = limit
    }

    /// The segment for a file, sized from the file system.
    static func file(_ url: URL) throws -> Segment {
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        return .file(url, length: size)
    }

    var count: Int { segments.reduce(0) { $0 + $1.length } }

    /// A 200 (or given status) answer that streams this body under its full Content-Length.
    func response(status: HTTPStatusCode = .ok, contentType: String = "application/json; charset=UTF-8") -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: contentType],
                     body: HTTPBodySequence(from: self, count: count, suggestedBufferSize: 1 << 20))
    }

    func makeAsyncIterator() -> Iterator { Iterator(segments: segments, limit: limit) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let segments: [Segment]
        let limit: Int?
        var index = 0
        var offset = 0
        var sent = 0
        var handle: FileHandle?

        init(segments: [Segment], limit: Int?) {
            self.segments = segments
            self.limit = limit
        }

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> Data? {
            if let limit, sent >= limit { throw Truncated() }
            while index < segments.count, offset >= segments[index].length {
                advance()
            }
            guard index < segments.count else { return nil }
            var wanted = Swift.min(Swift.max(1, count), segments[index].length - offset)
            if let limit { wanted = Swift.min(wanted, limit - sent) }
            let chunk: Data
            switch segments[index] {
            case .bytes(let data):
                chunk = data.subdata(in: offset..<(offset + wanted))
            case .repeated(let byte, _):
                chunk = Data(repeating: byte, count: wanted)
            case .file(let url, _):
                if handle == nil {
                    let opened = try FileHandle(forReadingFrom: url)
                    handle = opened
                }
                chunk = try handle?.read(upToCount: wanted) ?? Data()
                guard !chunk.isEmpty else { throw Truncated() }
            }
            offset += chunk.count
            sent += chunk.count
            return chunk
        }

        private mutating func advance() {
            try? handle?.close()
            handle = nil
            index += 1
            offset = 0
        }
    }
}
