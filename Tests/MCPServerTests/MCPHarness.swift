import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GeminiBatch
import GeminiEmulator
import JobStore
import Logging
import MCP
import MCPServer
import PFCConfig
import TestSupport

/// The MCP server in this process, driven by the SDK's own client over its in-memory transport (the real
/// JSON-RPC framing, encoding and dispatch), against the emulator in this process over loopback HTTP, with a
/// real SQLite file and real image files in a throwaway folder.
struct MCPHarness: InstallationBacked, Sendable {
    let installation: EmulatedInstallation
    let client: Client
    /// The MCP server (the emulator is ``emulator``).
    let server: Server
    static let key = "mcp-test-key-\(UInt32.random(in: 0...UInt32.max))"

    var emulator: EmulatorServer { installation.server }

    /// - Parameter withKey: false makes every API client request fail as a missing key does in the CLI.
    static func start(_ name: String, withKey: Bool = true) async throws -> MCPHarness {
        let installation = try await EmulatedInstallation.start("pfc-mcp-\(name)", key: key)
        let config = installation.config
        let store = installation.store
        let logger = Logger(label: "mcp-test") { _ in SwiftLogNoOpLogHandler() }
        let apiConfiguration = GeminiClientConfiguration(baseURL: config.geminiAPIBaseURL)
        let context = JobToolContext(config: config, store: store, logger: logger) {
            guard withKey else { throw ToolFailure("GEMINI_API_KEY is not set (environment, or a .env file beside the config file or in the current folder)") }
            return GeminiBatchClient(apiKey: APIKey(key), configuration: apiConfiguration)
        }
        let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
        let server = try await JobToolServer(context: context).start(on: serverSide)
        let client = Client(name: "pfc-jobs-tests", version: "1")
        try await client.connect(transport: clientSide)
        return MCPHarness(installation: installation, client: client, server: server)
    }

    /// Runs `body` with a started harness and stops it afterwards, also when `body` throws.
    static func with(_ name: String, withKey: Bool = true, _ body: (MCPHarness) async throws -> Void) async throws {
        let harness = try await start(name, withKey: withKey)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    func stop() async {
        await client.disconnect()
        await server.stop()
        await installation.stop()
    }

    /// The text of a tool call's answer and whether it was a tool error.
    func call(_ tool: String, _ arguments: [String: Value] = [:]) async throws -> (text: String, isError: Bool) {
        let (content, isError) = try await client.callTool(name: tool, arguments: arguments)
        let text = content.compactMap { item -> String? in
            if case .text(let text, _, _) = item { return text }
            return nil
        }.joined()
        return (text, isError ?? false)
    }

    /// A successful call's JSON answer (object or array).
    func json(_ tool: String, _ arguments: [String: Value] = [:]) async throws -> Any {
        let answer = try await call(tool, arguments)
        guard !answer.isError else { throw TestFailure("\(tool) failed: \(answer.text)") }
        return try JSONSerialization.jsonObject(with: Data(answer.text.utf8))
    }

    func object(_ tool: String, _ arguments: [String: Value] = [:]) async throws -> [String: Any] {
        guard let object = try await json(tool, arguments) as? [String: Any] else { throw TestFailure("\(tool): not an object") }
        return object
    }

    /// What the emulator recorded about a batch (`GET /_emulator/batches/...`): model, items, reference image digests.
    func batchRecord(_ name: String) async throws -> [String: Any] {
        try await installation.control.get("/_emulator/\(name)")
    }

    func stats() async throws -> EmulatorStats { try await installation.control.stats() }
}
