import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import GeminiEmulator
@testable import GeminiBatch

/// The client against the project's emulator of the Batch API over real loopback HTTP, with faults on.
@Suite(.serialized) struct EmulatorIntegrationTests {
    static let key = "integration-key-0123456789"

    /// An emulator on an ephemeral port and a client pointed at it, with quick retries.
    struct Rig {
        let server: EmulatorServer
        let client: GeminiBatchClient
        let baseURL: String

        static func start(faultRate: Double, faults: Set<FaultKind>, seed: UInt64 = 7,
                          maxAttempts: Int = 12) async throws -> Rig {
            var configuration = EmulatorConfiguration(apiKey: EmulatorIntegrationTests.key)
            configuration.faultRate = faultRate
            configuration.faultKinds = faults
            configuration.seed = seed
            configuration.pollsUntilDone = 2
            configuration.imageWidth = 16
            configuration.imageHeight = 16
            configuration.inlineItemLimit = 2
            configuration.retryAfterSeconds = 0
            let server = EmulatorServer(configuration: configuration)
            let port = try await server.start()
            let baseURL = "http://127.0.0.1:\(port)"
            var clientConfiguration = GeminiClientConfiguration(baseURL: baseURL)
            clientConfiguration.retryPolicy = RetryPolicy(maxAttempts: maxAttempts, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 30)
            clientConfiguration.downloadPathStyle = .plain
            let client = GeminiBatchClient(apiKey: APIKey(EmulatorIntegrationTests.key), configuration: clientConfiguration)
            return Rig(server: server, client: client, baseURL: baseURL)
        }

        /// Changes the emulator's live settings through its control endpoint.
        func control(_ path: String, _ body: String) async throws {
            var request = URLRequest(url: URL(string: baseURL + path)!)
            request.httpMethod = "POST"
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
        }
    }

    /// A create the emulator processed but whose answer it dropped may have billed: the batch is found by
    /// its display name instead of being created twice.
    static func createOnce(_ rig: Rig, displayName: String, requests: [BatchRequest]) async throws -> Batch {
        do {
            return try await rig.client.createBatch(model: "gemini-3.1-flash-image", displayName: displayName, requests: requests)
        } catch .createOutcomeUnknown {
            if let found = try await rig.client.findBatch(displayName: displayName) { return found }
            return try await rig.client.createBatch(model: "gemini-3.1-flash-image", displayName: displayName, requests: requests)
        }
    }

    /// "created", "unknown" (the answer was lost) or the error, without typed-throws pattern matching
    /// (which crashes the 6.3 compiler in an async test).
    static func createOutcome(_ rig: Rig, displayName: String) async -> String {
        do {
            _ = try await rig.client.createBatch(model: "gemini-3.1-flash-image", displayName: displayName,
                                                 requests: [BatchRequest(key: "a", prompt: "a fox")])
            return "created"
        } catch {
            if case .createOutcomeUnknown = error { return "unknown" }
            return "\(error)"
        }
    }

    @Test func everyCallSucceedsWithinItsRetryBudgetAtThirtyPercentFaults() async throws {
        let rig = try await Rig.start(faultRate: 0.3, faults: Set(FaultKind.allCases))
        defer { Task { await rig.server.stop() } }

        var names: [String] = []
        for job in 0..<4 {
            let requests = (0..<(job == 0 ? 3 : 1)).map { BatchRequest(key: "req_\($0)", prompt: "job \(job) item \($0)") }
            let batch = try await Self.createOnce(rig, displayName: "integration-\(job)", requests: requests)
            names.append(batch.name)
        }
        // Poll each batch until it finishes; every get goes through faults.
        var finished: [String: Batch] = [:]
        for _ in 0..<20 where finished.count < names.count {
            for name in names where finished[name] == nil {
                let batch = try await rig.client.getBatch(name)
                if batch.state.isTerminal { finished[name] = batch }
            }
        }
        #expect(finished.count == names.count)
        #expect(finished.values.allSatisfy { $0.state == .succeeded })

        // The three-item batch is above the inline limit: its results come as a file.
        let big = try #require(finished[names[0]])
        guard case .responsesFile(let file) = big.output else {
            Issue.record("expected a responses file, got \(String(describing: big.output))")
            return
        }
        let items = Array(try await rig.client.responsesFileItems(file))
        #expect(items.count == 3)
        for item in items {
            guard case .images(let images) = item.outcome, let image = images.last else { Issue.record("item \(item.index) has no image"); continue }
            #expect(image.data.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
        for name in names[1...] {
            guard case .inline(let inline)? = finished[name]?.output else { Issue.record("\(name): no inline output"); continue }
            #expect(inline.count == 1)
        }

        let listed = try await rig.client.listBatches(pageSize: 2)
        #expect(Set(listed.map(\.name)).isSuperset(of: names))
        try await rig.client.deleteBatch(names[3])
        #expect(try await rig.client.listBatches(pageSize: 2).contains { $0.name == names[3] } == false)

        let stats = await rig.server.stats()
        #expect(stats.requestsWithKeyInURL == 0)
        #expect(stats.permissionDenied == 0)
        #expect(stats.faultsInjected.values.reduce(0, +) > 0, "no fault was injected; the test proved nothing")
        // No batch was created twice despite dropped answers.
        #expect(Set(listed.compactMap(\.displayName)).count == listed.count)
        #expect(stats.batches.values.map(\.creates).reduce(0, +) == names.count)
    }

    @Test func aDroppedCreateLeavesExactlyOneRemoteBatch() async throws {
        let rig = try await Rig.start(faultRate: 1.0, faults: [.dropConnection])
        defer { Task { await rig.server.stop() } }
        // Processed by the server, answer lost: the client must not send it again by itself.
        let outcome = await Self.createOutcome(rig, displayName: "lost-answer")
        #expect(outcome == "unknown")
        try await rig.control("/_emulator/config", #"{"faultRate": 0}"#)
        // What `submit` does next: look the batch up by its display name before creating anything.
        let batch = try #require(try await rig.client.findBatch(displayName: "lost-answer"))
        let all = try await rig.client.listBatches()
        #expect(all.filter { $0.displayName == "lost-answer" }.map(\.name) == [batch.name])
        let stats = await rig.server.stats()
        #expect(stats.batches.values.map(\.creates).reduce(0, +) == 1)
    }

    @Test func aWrongKeyIsRefusedAndNeverRetried() async throws {
        let rig = try await Rig.start(faultRate: 0, faults: [])
        defer { Task { await rig.server.stop() } }
        var configuration = rig.client.configuration
        configuration.retryPolicy = RetryPolicy(maxAttempts: 5, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 5)
        let wrong = GeminiBatchClient(apiKey: APIKey("wrong-key-abcdefgh"), configuration: configuration)
        // The real service answers a wrong key with 400 INVALID_ARGUMENT and ErrorInfo reason API_KEY_INVALID.
        do {
            _ = try await wrong.listBatches()
            Issue.record("expected API_KEY_INVALID")
        } catch {
            #expect(error.httpStatus == 400)
            #expect(error.rpcStatus?.reason == "API_KEY_INVALID")
            #expect(error.isKeyRejected)
            #expect(!"\(error)".contains("wrong-key-abcdefgh"))
        }
        // No key at all: 403 PERMISSION_DENIED, refused the same way.
        let missing = GeminiBatchClient(apiKey: APIKey(""), configuration: configuration)
        do {
            _ = try await missing.listBatches()
            Issue.record("expected PERMISSION_DENIED")
        } catch {
            #expect(error.httpStatus == 403)
            #expect(error.rpcStatus?.status == "PERMISSION_DENIED")
            #expect(error.isKeyRejected)
        }
        #expect(await rig.server.stats().permissionDenied == 2)
    }
}
