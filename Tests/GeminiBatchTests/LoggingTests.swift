import Foundation
import Logging
import Synchronization
import Testing
@testable import GeminiBatch

@Suite struct LoggingTests {
    /// Keeps every rendered log line (message and metadata) for inspection.
    final class CapturingLogHandler: LogHandler, Sendable {
        let lines = Mutex<[String]>([])
        var logLevel: Logger.Level {
            get { .trace }
            set {}
        }
        var metadata: Logger.Metadata {
            get { [:] }
            set {}
        }
        subscript(metadataKey _: String) -> Logger.Metadata.Value? {
            get { nil }
            set {}
        }
        func log(event: LogEvent) {
            lines.withLock { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(event.error.map { "\($0)" } ?? "")") }
        }
    }

    @Test func logLinesNeverCarryTheKeyOrHeaders() async throws {
        let key = HTTPClientTests.key
        let server = try LoopbackHTTPServer(
            sequence: [.json(503, Fixtures.errorBody(503, "UNAVAILABLE", "key \(key) echoed")), .drop],
            fallback: HTTPClientTests.running)
        defer { server.stop() }
        let handler = CapturingLogHandler()
        let logger = Logger(label: "test") { _ in handler }
        let configuration = GeminiClientConfiguration(
            baseURL: server.baseURL,
            retryPolicy: RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.02, maxTotal: 10))
        let client = GeminiBatchClient(apiKey: APIKey(key), configuration: configuration, logger: logger)
        _ = try await client.getBatch("batches/abc")
        let lines = handler.lines.withLock { $0 }
        // At least two attempts and a retry notice (curl may itself resend on a dropped kept-alive connection).
        #expect(lines.count >= 3)
        #expect(lines.contains { $0.contains("retrying GET /v1beta/batches/abc") })
        for line in lines {
            #expect(!line.contains(key), "key in log line: \(line)")
            #expect(!line.lowercased().contains("x-goog-api-key"))
        }
    }
}
