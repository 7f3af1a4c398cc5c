import Foundation
import Logging
import MCP
#if canImport(Glibc)
import Glibc
#endif

/// The stdio transport `pfc-jobs mcp` runs on: one JSON-RPC message per line on two file descriptors, as the MCP
/// stdio transport specifies, for the SDK's ``Server``.
///
/// It stands in for the SDK's `StdioTransport`, whose reader searches the whole pending message for its newline
/// again after every 4 KB it reads: a request carrying a 1 MB base64 reference image took 23 s to arrive and one
/// of 4 MB six minutes (debug build, measured with the Python client). Here a thread of its own blocks in
/// `read(2)` with 64 KB reads and looks for the newline only in the bytes just read, so a message arrives in
/// time linear in its size.
///
/// ```swift
/// let server = try await JobToolServer(context: context).start(on: StdioLineTransport(input: 0, output: protocolOut, logger: logger))
/// ```
public actor StdioLineTransport: Transport {
    public nonisolated let logger: Logger
    let input: Int32
    let output: Int32
    /// A longer line is dropped, and logged: no request this server takes comes near the default (an inline
    /// batch must stay under 20 MB), and one that never ends must not take all memory.
    let maxMessageBytes: Int
    private let messages: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation
    private var started = false

    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, logger: Logger, maxMessageBytes: Int = 128 << 20) {
        self.input = input
        self.output = output
        self.logger = logger
        self.maxMessageBytes = maxMessageBytes
        (messages, continuation) = AsyncThrowingStream.makeStream()
    }

    /// Starts the reader thread; the stream of messages ends when the client closes its end.
    public func connect() async throws {
        guard !started else { return }
        started = true
        let thread = Thread { [input, continuation, logger, maxMessageBytes] in
            Self.readLines(from: input, into: continuation, logger: logger, maxMessageBytes: maxMessageBytes)
        }
        thread.name = "mcp-input"
        thread.start()
    }

    public func disconnect() async { continuation.finish() }

    /// Writes the message and its newline, all of it (a short write or a full pipe is waited out).
    public func send(_ data: Data) async throws {
        var bytes = [UInt8](data)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(output, $0.baseAddress! + offset, $0.count - offset) }
            if written > 0 {
                offset += written
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                Self.wait(for: output, events: Int16(POLLOUT))
            } else {
                throw ToolFailure("the MCP client's end of stdout is closed (errno \(errno))")
            }
        }
    }

    public func receive() -> AsyncThrowingStream<Data, Swift.Error> { messages }

    /// The reader: lines out of `descriptor` until end of file, each newline looked for once.
    static func readLines(from descriptor: Int32, into continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation,
                          logger: Logger, maxMessageBytes: Int) {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var pending: [UInt8] = []
        var dropping = false
        func deliver() {
            if !dropping, !pending.isEmpty { continuation.yield(Data(pending)) }
            pending = []
            dropping = false
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    wait(for: descriptor, events: Int16(POLLIN))
                    continue
                }
                logger.error("MCP input: read failed (errno \(errno)); the session ends")
                break
            }
            var start = 0
            while start < count {
                let newline = buffer.withUnsafeBytes { bytes -> Int? in
                    memchr(bytes.baseAddress! + start, Int32(UInt8(ascii: "\n")), count - start)
                        .map { bytes.baseAddress!.distance(to: UnsafeRawPointer($0)) }
                }
                let end = newline ?? count
                if !dropping { pending.append(contentsOf: buffer[start..<end]) }
                if pending.count > maxMessageBytes {
                    logger.error("MCP input: dropped a message longer than \(maxMessageBytes) bytes")
                    pending = []
                    dropping = true
                }
                guard let newline else { break }
                deliver()
                start = newline + 1
            }
        }
        deliver()
        continuation.finish()
    }

    /// Blocks until `descriptor` is ready (a descriptor the parent left non-blocking).
    static func wait(for descriptor: Int32, events: Int16) {
        var entry = pollfd(fd: descriptor, events: events, revents: 0)
        _ = poll(&entry, 1, -1)
    }
}
