import Foundation
import GeminiBatch
import Testing

/// `deleteFile`, as `prune --remote` deletes a file-input batch's uploaded JSONL: the verb, the path, the key
/// in its header only, a 404 as `.notFound`, and names that could change the path refused before any call.
@Suite struct FileDeleteTests {
    @Test func deleteFileSendsDeleteToTheFilesPathAndReportsA404AsNotFound() async throws {
        let server = try LoopbackHTTPServer(sequence: [.json(200, "{}")], fallback: .json(
            404, #"{"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}}"#))
        defer { server.stop() }
        let client = HTTPClientTests.client(server)
        try await client.deleteFile("files/input-jsonl-123")
        do {
            try await client.deleteFile("input-jsonl-456")
            Issue.record("a 404 was not reported")
        } catch .notFound(let status) {
            #expect(status.message.contains("not found"))
        } catch {
            Issue.record("expected .notFound, got \(error)")
        }
        let requests = server.requests
        #expect(requests.map(\.method) == ["DELETE", "DELETE"])
        #expect(requests.map(\.target) == ["/v1beta/files/input-jsonl-123", "/v1beta/files/input-jsonl-456"])
        #expect(requests.allSatisfy { $0.headers["x-goog-api-key"] != nil && !$0.target.contains("key") })

        for name in ["files/../batches/abc", "files/a/b", "files/", "files/a?b"] {
            await #expect(throws: GeminiError.self, "\(name)") { try await client.deleteFile(name) }
        }
        #expect(server.requests.count == 2, "a refused name reached the server")
    }
}
