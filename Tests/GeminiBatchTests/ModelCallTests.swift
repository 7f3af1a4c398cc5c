import Foundation
import GeminiBatch
import GeminiEmulator
import Testing

/// `getModel` and `listModels` over loopback against the emulator's model list: what doctor --online reads.
@Suite struct ModelCallTests {
    static let key = "model-calls-key-2718"

    func withClient(key: String = ModelCallTests.key, _ body: (GeminiBatchClient) async throws -> Void) async throws {
        let server = EmulatorServer(configuration: EmulatorConfiguration(apiKey: Self.key))
        let port = try await server.start()
        var configuration = GeminiClientConfiguration(baseURL: "http://127.0.0.1:\(port)")
        configuration.retryPolicy = .noRetries
        do {
            try await body(GeminiBatchClient(apiKey: APIKey(key), configuration: configuration))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func aLiveModelIsReadWithItsMethodsAndTheListPagesThroughAll() async throws {
        try await withClient { client in
            let info = try await client.getModel("models/gemini-3-pro-image")
            #expect(info.name == "models/gemini-3-pro-image" && info.id == "gemini-3-pro-image")
            #expect(info.supportsBatch, "\(info.supportedGenerationMethods)")
            let all = try await client.listModels(pageSize: 1)
            #expect(Set(all.map(\.id)).isSuperset(of: ["gemini-3-pro-image", "gemini-3.1-flash-image", "gemini-3.1-flash-lite-image"]),
                    "one model per page, every page followed: \(all.map(\.id))")
            #expect(all.count == Set(all.map(\.id)).count, "no page read twice")
        }
    }

    @Test func aRetiredModelIsNotFoundAndAWrongKeyIsRefused() async throws {
        try await withClient { client in
            do throws(GeminiError) {
                _ = try await client.getModel("gemini-2.5-flash-image")
                Issue.record("a retired model was found")
            } catch {
                #expect(error.httpStatus == 404 && !error.isKeyRejected, "\(error)")
            }
        }
        try await withClient(key: "wrong-key-000") { client in
            do throws(GeminiError) {
                _ = try await client.getModel("gemini-3-pro-image")
                Issue.record("a wrong key was accepted")
            } catch {
                #expect(error.isKeyRejected, "\(error)")
                #expect(error.rpcStatus?.reason == "API_KEY_INVALID")
            }
        }
    }

    @Test func aPathBreakingModelNameIsRefusedBeforeAnyRequest() async throws {
        try await withClient { client in
            await #expect(throws: GeminiError.invalidRequest("not a model name: '../batches'")) {
                _ = try await client.getModel("../batches")
            }
        }
    }
}
