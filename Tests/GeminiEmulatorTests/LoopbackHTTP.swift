import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A deliberately plain HTTP/1.1 client over a raw loopback socket, one connection per request
/// (`Connection: close`). Raw sockets let the tests see exactly what the server sent: a hang-up with no
/// answer, or a body shorter than its Content-Length. The blocking I/O runs on its own Thread so it never
/// occupies the cooperative pool that the in-process server needs.
struct LoopbackHTTP: Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: [String: String]
        /// The body, or its first `keepingAtMost` bytes.
        var body: Data
        /// Every body byte received, kept or not.
        var bodyLength = 0

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        }
    }

    enum Failure: Error, Equatable {
        /// The server closed the connection without sending a status line.
        case closedWithoutResponse
        /// Fewer body bytes arrived than Content-Length announced.
        case truncated(announced: Int, received: Int)
        case socket(String)
    }

    let port: UInt16
    var apiKey: String? = "test-key"

    /// `keepingAtMost` keeps only the first bytes of the body (the rest is counted, not held): a test can
    /// take in a body of hundreds of megabytes.
    func send(_ method: String, _ path: String, body: Data? = nil,
              headers: [String: String] = [:], keepingAtMost keep: Int = 1 << 40) async throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        if let apiKey { head += "x-goog-api-key: \(apiKey)\r\n" }
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        head += "\r\n"
        var bytes = Data(head.utf8)
        if let body { bytes.append(body) }
        let request = bytes
        let port = port
        return try await onOwnThread { try Self.exchange(request, port: port, keep: keep) }
    }

    func json(_ method: String, _ path: String, _ object: Any? = nil) async throws -> Response {
        let body = try object.map { try JSONSerialization.data(withJSONObject: $0) }
        return try await send(method, path, body: body)
    }

    private static func exchange(_ request: Data, port: UInt16, keep: Int) throws -> Response {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.socket("socket() failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure.socket("connect() failed: errno \(errno)") }
        var sent = 0
        while sent < request.count {
            let written = request.withUnsafeBytes { write(fd, $0.baseAddress! + sent, request.count - sent) }
            // The server may answer (e.g. 403) and close before it reads a large body.
            if written <= 0 { break }
            sent += written
        }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var headEnd: Int?
        var dropped = 0
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 {
                if errno == ECONNRESET { break }
                throw Failure.socket("read() failed: errno \(errno)")
            }
            if count == 0 { break }
            if let headEnd {
                let room = max(0, headEnd + keep - received.count)
                received.append(buffer, count: min(room, count))
                dropped += count - min(room, count)
            } else {
                received.append(buffer, count: count)
                headEnd = received.range(of: Data("\r\n\r\n".utf8)).map(\.upperBound)
                if let headEnd, received.count > headEnd + keep {
                    dropped += received.count - (headEnd + keep)
                    received = received.prefix(headEnd + keep)
                }
            }
        }
        guard let split = received.range(of: Data("\r\n\r\n".utf8)) else { throw Failure.closedWithoutResponse }
        let headLines = String(decoding: received[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = headLines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure.closedWithoutResponse }
        var headers: [String: String] = [:]
        for line in headLines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = Data(received[split.upperBound...])
        let length = body.count + dropped
        if let announced = headers["content-length"].flatMap(Int.init), announced != length {
            throw Failure.truncated(announced: announced, received: length)
        }
        return Response(status: status, headers: headers, body: body, bodyLength: length)
    }
}

/// Runs blocking work on a dedicated Thread so the cooperative pool stays free for the in-process server.
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}
