import Foundation
import Logging
import MCPServer
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The stdio transport over real pipes: lines of any size arrive whole and in order, blank lines are skipped,
/// a last line without its newline still arrives, an over-long line is dropped without losing the next one,
/// and what the server sends is one line.
@Suite struct StdioLineTransportTests {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    /// A pipe: (read end, write end).
    static func pipePair() throws -> (Int32, Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw TestFailure("pipe: errno \(errno)") }
        return (ends[0], ends[1])
    }

    /// Writes `bytes` on a thread of its own (a pipe holds 64 KB) and closes the end.
    static func feed(_ bytes: [UInt8], to descriptor: Int32) {
        Thread {
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, min(7_000, $0.count - offset)) }
                if written <= 0 { break }
                offset += written
            }
            close(descriptor)
        }.start()
    }

    static func messages(of transport: StdioLineTransport) async throws -> [Data] {
        var all: [Data] = []
        for try await message in await transport.receive() { all.append(message) }
        return all
    }

    @Test func linesOfAnySizeArriveWholeAndInOrder() async throws {
        let (inRead, inWrite) = try Self.pipePair()
        let (outRead, outWrite) = try Self.pipePair()
        defer { close(inRead); close(outRead); close(outWrite) }
        let transport = StdioLineTransport(input: inRead, output: outWrite, logger: Self.quiet)
        try await transport.connect()
        let big = (0..<(5 << 20)).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        Self.feed(Array(#"{"id":1}"#.utf8) + [10] + big + [10, 10] + Array("last".utf8), to: inWrite)
        let received = try await Self.messages(of: transport)
        #expect(received.map(\.count) == [8, big.count, 4])
        #expect(received.count == 3 && received[1] == Data(big) && received[2] == Data("last".utf8))

        try await transport.send(Data(#"{"id":1,"result":{}}"#.utf8))
        var answer = [UInt8](repeating: 0, count: 64)
        let count = read(outRead, &answer, answer.count)
        #expect(String(decoding: answer.prefix(max(0, count)), as: UTF8.self) == "{\"id\":1,\"result\":{}}\n")
    }

    @Test func aLineOverTheLimitIsDroppedAndTheNextArrives() async throws {
        let (inRead, inWrite) = try Self.pipePair()
        let (outRead, outWrite) = try Self.pipePair()
        defer { close(inRead); close(outRead); close(outWrite) }
        let transport = StdioLineTransport(input: inRead, output: outWrite, logger: Self.quiet, maxMessageBytes: 100_000)
        try await transport.connect()
        Self.feed([UInt8](repeating: UInt8(ascii: "x"), count: 300_000) + [10] + Array("next".utf8) + [10], to: inWrite)
        #expect(try await Self.messages(of: transport) == [Data("next".utf8)])
    }
}
