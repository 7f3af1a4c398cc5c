import Foundation
import Testing
@testable import GeminiEmulator

@Suite struct AccessAndLimitsTests {
    @Test func aMissingKeyIsPermissionDeniedAndAWrongOneIsInvalidArgument() async throws {
        try await withEmulator { http, _ in
            var anonymous = http
            anonymous.apiKey = nil
            var wrong = http
            wrong.apiKey = "not-the-key"
            let missing = try await anonymous.json("POST", createPath, createBody(["x"]))
            #expect(missing.status == 403)
            #expect((missing.json["error"] as? [String: Any])?["status"] as? String == "PERMISSION_DENIED")
            let refused = try await wrong.json("POST", createPath, createBody(["x"]))
            #expect(refused.status == 400)
            #expect((refused.json["error"] as? [String: Any])?["status"] as? String == "INVALID_ARGUMENT")
            // The key in the query string is counted and still refused: only the header authenticates.
            let inURL = try await anonymous.send("GET", "/v1beta/batches?key=test-key")
            #expect(inURL.status == 403)
            _ = try await http.send("GET", "/v1beta/batches/test-key")
            let stats = try await http.stats()
            #expect(stats.permissionDenied == 3)
            #expect([stats.apiKeyMissing, stats.apiKeyInvalid, stats.apiKeyExpired] == [Int]([2, 1, 0]))
            #expect(stats.requestsWithKeyInURL == 2, "a key= parameter and the key inside the path both count")
            #expect(stats.batches.values.allSatisfy { $0.creates == 0 }, "refused creates made no batch")
        }
    }

    @Test func createBodiesOverTwentyMegabytesAreRefused() async throws {
        try await withEmulator { http, _ in
            let filler = String(repeating: "a", count: 21 * 1024 * 1024)
            let response = try await http.json("POST", createPath, createBody([filler]))
            #expect(response.status == 400)
            let error = try #require(response.json["error"] as? [String: Any])
            #expect(error["status"] as? String == "INVALID_ARGUMENT")
            #expect((error["message"] as? String ?? "").contains("exceeds"))
            #expect(try await http.json("POST", createPath, createBody([String(repeating: "b", count: 1024 * 1024)])).status == 200)
        }
    }

    @Test func controlEndpointsCountCallsPerBatchAndReset() async throws {
        try await withEmulator { http, _ in
            let name = try await http.createBatch(["counted"])
            _ = try await http.send("GET", "/v1beta/" + name)
            _ = try await http.send("GET", "/v1/" + name)
            _ = try await http.send("POST", "/v1beta/\(name):cancel")
            _ = try await http.send("DELETE", "/v1beta/" + name)
            _ = try await http.send("GET", "/v1beta/batches")
            let stats = try await http.stats()
            let calls = try #require(stats.batches[name])
            #expect([calls.creates, calls.gets, calls.cancels, calls.deletes, calls.downloads] == [Int]([1, 2, 1, 1, 0]))
            #expect(stats.totalRequests == 6, "control requests are not counted")
            #expect(stats.lists == 1)
            #expect(stats.requestsWithKeyInURL == 0)

            #expect(try await http.send("POST", "/_emulator/reset").status == 200)
            #expect(try await http.stats() == EmulatorStats())
        }
    }

    @Test func concurrentCreatesEachMakeOneDistinctBatch() async throws {
        try await withEmulator { http, _ in
            let names = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<16 { group.addTask { try await http.createBatch(["parallel \(index)"]) } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(names).count == 16)
            let listed = try await http.send("GET", "/v1beta/batches?pageSize=100").json["operations"] as? [[String: Any]]
            #expect(Set(listed?.compactMap { $0["name"] as? String } ?? []) == Set(names))
        }
    }

    @Test func addedLatencyDelaysAPIRequests() async throws {
        try await withEmulator({ $0.latencyMilliseconds = 300 }) { http, _ in
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await http.send("GET", "/v1beta/batches")
            #expect(clock.now - start >= .milliseconds(300))
        }
    }

    @Test func controlRequestsAreNeverDelayed() async throws {
        // Ten minutes of latency: a control answer can only arrive (within the client's 60 s read timeout)
        // if control requests skip it.
        try await withEmulator({ $0.latencyMilliseconds = 600_000 }) { http, _ in
            let response = try await http.send("GET", "/_emulator/stats")
            #expect(response.status == 200)
        }
    }
}
