import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A request as the loopback server received it: request line, headers and body, byte for byte.
struct RecordedRequest: Sendable {
    var method: String
    /// Path and query, as on the request line.
    var target: String
    /// The request line and header block, as received.
    var head: String
    /// Lower-cased header names.
    var headers: [String: String]
    var body: Data
}

/// What the server does with one request.
indirect enum ScriptedResponse: Sendable {
    case respond(status: Int, headers: [String: String] = [:], body: Data = Data())
    /// Close the connection without answering (after reading the request).
    case drop
    /// Announce `declaredLength` bytes, send `body` (shorter), then close.
    case truncated(status: Int, declaredLength: Int, body: Data)
    /// Send the head, then the body in `chunks` pieces, each after a pause of `pause` seconds.
    case slowBody(status: Int, body: Data, chunks: Int, pause: Double)
    /// Send `repeats` copies of `unit` as one body, generated as it goes (for bodies too big to hold).
    case repeated(status: Int, unit: Data, repeats: Int)
    /// Wait `seconds` (server-side latency) before carrying out `then`.
    case delayed(seconds: Double, then: ScriptedResponse)

    static func json(_ status: Int, _ text: String, headers: [String: String] = [:]) -> ScriptedResponse {
        .respond(status: status, headers: headers.merging(["Content-Type": "application/json"]) { a, _ in a },
                 body: Data(text.utf8))
    }
}

/// A tiny HTTP/1.1 server on 127.0.0.1 (ephemeral port) for tests: one thread per connection, keep-alive,
/// every request recorded, answers scripted by `handler(request, requestIndex)`.
final class LoopbackHTTPServer: Sendable {
    private struct State {
        var requests: [RecordedRequest] = []
        var inFlight = 0
        var maxInFlight = 0
        var connectionsAccepted = 0
        var openSockets: Set<Int32> = []
        var stopped = false
        var listenSocketClosed = false
    }

    let port: UInt16
    private let listenSocket: Int32
    private let state = Mutex(State())
    private let handler: @Sendable (RecordedRequest, Int) -> ScriptedResponse

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var requests: [RecordedRequest] { state.withLock { $0.requests } }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }
    var connectionsAccepted: Int { state.withLock { $0.connectionsAccepted } }

    init(handler: @escaping @Sendable (RecordedRequest, Int) -> ScriptedResponse) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listenSocket = fd
        let acceptThread = Thread { [self] in acceptLoop() }
        acceptThread.start()
    }

    /// Serves a fixed sequence of answers, then `fallback` for every later request.
    convenience init(sequence: [ScriptedResponse], fallback: ScriptedResponse) throws {
        try self.init { _, index in index < sequence.count ? sequence[index] : fallback }
    }

    deinit {
        stop()
    }

    /// Shuts every socket down. Done under the lock, and never for an already closed descriptor: its number may
    /// belong to another test's socket by now.
    func stop() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            if !state.listenSocketClosed { shutdown(listenSocket, Int32(SHUT_RDWR)) }
            for socket in state.openSockets { shutdown(socket, Int32(SHUT_RDWR)) }
        }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listenSocket, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                break
            }
            let accepted = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.connectionsAccepted += 1
                state.openSockets.insert(client)
                return true
            }
            guard accepted else {
                close(client)
                break
            }
            // Without it, Nagle plus the peer's delayed ACK stalls split writes by ~40 ms.
            var noDelay: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
        state.withLock { state in
            state.listenSocketClosed = true
            close(listenSocket)
        }
    }

    private func serve(_ socket: Int32) {
        var buffer = Data()
        defer {
            state.withLock { state in
                state.openSockets.remove(socket)
                close(socket)
            }
        }
        while let request = readRequest(socket, buffer: &buffer) {
            let index = state.withLock { state -> Int in
                state.requests.append(request)
                state.inFlight += 1
                state.maxInFlight = max(state.maxInFlight, state.inFlight)
                return state.requests.count - 1
            }
            var response = handler(request, index)
            while case .delayed(let seconds, let then) = response {
                usleep(useconds_t(seconds * 1_000_000))
                response = then
            }
            // Counted as in flight until the answer starts: once it has, the client may already send its next
            // request, which must not overlap this one in the count.
            state.withLock { $0.inFlight -= 1 }
            if !carryOut(response, on: socket) { return }
        }
    }

    /// Returns whether the connection stays open for another request.
    private func carryOut(_ response: ScriptedResponse, on socket: Int32) -> Bool {
        switch response {
        case .respond(let status, let headers, let body):
            return sendAll(socket, head(status, headers, contentLength: body.count) + body)
        case .drop:
            return false
        case .truncated(let status, let declaredLength, let body):
            _ = sendAll(socket, head(status, [:], contentLength: declaredLength)) && sendAll(socket, body)
            return false
        case .slowBody(let status, let body, let chunks, let pause):
            guard sendAll(socket, head(status, [:], contentLength: body.count)) else { return false }
            let size = max(1, (body.count + chunks - 1) / max(1, chunks))
            var offset = 0
            while offset < body.count {
                usleep(useconds_t(pause * 1_000_000))
                let end = min(body.count, offset + size)
                guard sendAll(socket, body.subdata(in: offset..<end)) else { return false }
                offset = end
            }
            return true
        case .repeated(let status, let unit, let repeats):
            guard sendAll(socket, head(status, [:], contentLength: unit.count * repeats)) else { return false }
            for _ in 0..<repeats where !sendAll(socket, unit) { return false }
            return true
        case .delayed(let seconds, let then):
            usleep(useconds_t(seconds * 1_000_000))
            return carryOut(then, on: socket)
        }
    }

    private func head(_ status: Int, _ headers: [String: String], contentLength: Int) -> Data {
        var text = "HTTP/1.1 \(status) \(status < 400 ? "OK" : "Error")\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(contentLength)\r\n\r\n"
        return Data(text.utf8)
    }

    private func sendAll(_ socket: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let sent = send(socket, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += sent
            }
            return true
        }
    }

    private func readRequest(_ socket: Int32, buffer: inout Data) -> RecordedRequest? {
        let separator = Data("\r\n\r\n".utf8)
        var headEnd = buffer.range(of: separator)
        while headEnd == nil {
            guard receive(socket, into: &buffer) else { return nil }
            headEnd = buffer.range(of: separator)
        }
        let headText = String(decoding: buffer[buffer.startIndex..<headEnd!.lowerBound], as: UTF8.self)
        var lines = headText.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bodyLength = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = headEnd!.upperBound
        while buffer.endIndex - bodyStart < bodyLength {
            guard receive(socket, into: &buffer) else { return nil }
        }
        let body = buffer.subdata(in: bodyStart..<(bodyStart + bodyLength))
        buffer = buffer.subdata(in: (bodyStart + bodyLength)..<buffer.endIndex)
        return RecordedRequest(method: String(requestLine[0]), target: String(requestLine[1]), head: headText,
                               headers: headers, body: body)
    }

    private func receive(_ socket: Int32, into buffer: inout Data) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(socket, &chunk, chunk.count, 0)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
    }
}
