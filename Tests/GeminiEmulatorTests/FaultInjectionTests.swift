import Foundation
import Testing
@testable import GeminiEmulator

@Suite struct FaultInjectionTests {
    /// What a client saw for one request.
    enum Seen: Hashable { case ok, status(Int), dropped, truncated }

    func observe(_ http: LoopbackHTTP, _ path: String) async -> Seen {
        do {
            let response = try await http.send("GET", path)
            return response.status == 200 ? .ok : .status(response.status)
        } catch LoopbackHTTP.Failure.closedWithoutResponse {
            return .dropped
        } catch LoopbackHTTP.Failure.truncated {
            return .truncated
        } catch {
            return .status(-1)
        }
    }

    func run(seed: UInt64, requests: Int) async throws -> ([Seen], EmulatorStats) {
        try await withEmulator({
            $0.faultRate = 0.3
            $0.faultKinds = Set(FaultKind.allCases)
            $0.seed = seed
            $0.retryAfterSeconds = 2
        }) { http, _ in
            var seen: [Seen] = []
            for _ in 0..<requests { seen.append(await observe(http, "/v1beta/batches")) }
            return (seen, try await http.stats())
        }
    }

    @Test func faultsAppearAtRoughlyTheConfiguredRateAndRepeatWithTheSeed() async throws {
        let (seen, stats) = try await run(seed: 42, requests: 300)
        let faulty = seen.filter { $0 != .ok }.count
        #expect((60...120).contains(faulty), "about 30% of 300 requests fail, got \(faulty)")
        for kind in [Seen.status(429), .status(500), .status(503), .dropped, .truncated] {
            #expect(seen.contains(kind), "\(kind) appears")
        }
        #expect(stats.faultsInjected.values.reduce(0, +) == faulty)
        #expect(stats.totalRequests == 300)

        let (again, _) = try await run(seed: 42, requests: 300)
        #expect(again == seen, "the same seed gives the same fault sequence")
        let (other, _) = try await run(seed: 7, requests: 300)
        #expect(other != seen)
    }

    @Test func tooManyRequestsCarriesRetryAfterAndRetryInfo() async throws {
        try await withEmulator({ $0.faultRate = 1; $0.faultKinds = [.tooManyRequests]; $0.retryAfterSeconds = 3 }) { http, _ in
            let response = try await http.send("GET", "/v1beta/batches")
            #expect(response.status == 429)
            #expect(response.headers["retry-after"] == "3")
            let error = try #require(response.json["error"] as? [String: Any])
            #expect(error["status"] as? String == "RESOURCE_EXHAUSTED")
            let details = error["details"] as? [[String: Any]]
            #expect(details?.first?["retryDelay"] as? String == "3s")
            #expect(try await http.send("GET", "/_emulator/stats").status == 200, "control requests never fault")
        }
    }

    @Test func droppedCreateIsStillProcessedAndTruncatedDownloadIsShort() async throws {
        try await withEmulator({ $0.faultKinds = [.dropConnection]; $0.faultRate = 1; $0.inlineItemLimit = 1 }) { http, _ in
            await #expect(throws: LoopbackHTTP.Failure.closedWithoutResponse) {
                _ = try await http.json("POST", createPath, createBody(["lost answer", "second"]))
            }
            _ = try await http.json("POST", "/_emulator/config", ["faultRate": 0])
            let operations = try await http.send("GET", "/v1beta/batches").json["operations"] as? [[String: Any]] ?? []
            #expect(operations.count == 1, "the create whose answer was lost made exactly one batch")
            let name = try #require(operations.first?["name"] as? String)
            let done = try await http.pollUntilDone(name)
            let fileName = try #require((metadata(done)["output"] as? [String: Any])?["responsesFile"] as? String)

            _ = try await http.json("POST", "/_emulator/config", ["faultRate": 1, "faults": "truncate"])
            do {
                _ = try await http.send("GET", "/v1beta/\(fileName):download?alt=media")
                Issue.record("a truncated download must not look complete")
            } catch let LoopbackHTTP.Failure.truncated(announced, received) {
                #expect(received < announced && received > 0)
            }
        }
    }
}
