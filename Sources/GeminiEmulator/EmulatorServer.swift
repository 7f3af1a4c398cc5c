import FlyingFox
import FlyingSocks
import Foundation

/// A local HTTP server that answers like the Gemini Batch API (https://ai.google.dev/gemini-api/docs/batch-mode),
/// plus a control API under `/_emulator/` for tests. Its defaults follow the real service's behaviour of late
/// 2026 (README.md lists them); see `EmulatorConfiguration` for the options that restore older behaviour or
/// turn on hostile answers, and `ScriptedOutcome` / `PromptParameters` for the prompt markers.
///
/// API (prefix `/v1beta` or `/v1`; header `x-goog-api-key` required: missing 403 PERMISSION_DENIED, wrong
/// 400 API_KEY_INVALID): `GET models?pageSize&pageToken`, `GET models/{m}`,
/// `POST models/{m}:batchGenerateContent` (404 for retired or unknown models), `GET batches?pageSize&pageToken`,
/// `GET batches/{id}`, `POST batches/{id}:cancel`, `DELETE batches/{id}`,
/// `GET [/download]/v1beta/files/{id}:download?alt=media`, the Files API's resumable upload
/// (`POST /upload/v1beta/files` start, then `upload`, `upload, finalize` and `query` on the session URL; the
/// session id is its authority), `GET files/{id}`, `DELETE files/{id}`, and creates from `inputConfig.fileName`.
/// Control (loopback only, no key, never faulted or delayed): `GET /_emulator/stats`,
/// `GET /_emulator/batches/{id}` (per item: final, draft and reference image digests, usage),
/// `GET /_emulator/files/{id}` (an uploaded file with the sha256 of what arrived), `POST /_emulator/reset`,
/// `POST /_emulator/script` `{"prompt","outcomes":[...]}`, `POST /_emulator/config` (live settings),
/// `POST /_emulator/batches` `{"state","items","prompts","model","output","outputLagPolls","statusPaddingBytes",
/// "imageSize","responsesFileBytes","name"}`.
///
/// ```swift
/// let server = EmulatorServer(configuration: EmulatorConfiguration(apiKey: "test-key"))
/// let port = try await server.start()          // listening when this returns
/// // ... talk to http://127.0.0.1:\(port)/v1beta/...
/// await server.stop()
/// ```
public actor EmulatorServer {
    public let configuration: EmulatorConfiguration
    private var httpServer: HTTPServer?
    private var serverTask: Task<Void, any Error>?
    private var state: EmulatorState?
    private var ownedWorkDirectory: URL?

    public init(configuration: EmulatorConfiguration) {
        self.configuration = configuration
    }

    /// Binds, starts serving, and returns the bound port once connections are accepted.
    public func start() async throws -> UInt16 {
        guard httpServer == nil else { throw EmulatorError.invalidArgument("the emulator is already started") }
        let workDirectory: URL
        if let given = configuration.workDirectory {
            workDirectory = given
        } else {
            workDirectory = FileManager.default.temporaryDirectory
                .appendingPathComponent("gemini-emulator-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
            ownedWorkDirectory = workDirectory
        }
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        let state = EmulatorState(configuration: configuration, workDirectory: workDirectory)
        let router = RequestRouter(state: state)
        let address = try sockaddr_in.inet(ip4: configuration.host, port: configuration.port)
        // The handler timeout must outlast added latency and the generation of large synthetic files.
        let server = HTTPServer(address: address, timeout: 3600,
                                pool: NoDelaySocketPool(base: HTTPServer.defaultPool()), logger: .disabled,
                                handler: ClosureHTTPHandler { request in await router.handle(request) })
        let task = Task { try await server.run() }
        httpServer = server
        serverTask = task
        self.state = state
        do {
            try await server.waitUntilListening(timeout: 10)
        } catch {
            task.cancel()
            throw error
        }
        guard case .ip4(_, let port) = await server.listeningAddress else {
            throw EmulatorError.ioFailure("the emulator could not read its bound address")
        }
        return port
    }

    /// Stops accepting, closes connections and removes the temporary folder it created.
    public func stop() async {
        await httpServer?.stop(timeout: 1)
        serverTask?.cancel()
        httpServer = nil
        serverTask = nil
        if let ownedWorkDirectory {
            try? FileManager.default.removeItem(at: ownedWorkDirectory)
        }
        ownedWorkDirectory = nil
    }

    /// Serves until `stop()` is called or the task is cancelled (the CLI's blocking run).
    public func waitUntilStopped() async {
        _ = try? await serverTask?.value
    }

    /// The counters, as `GET /_emulator/stats` serves them.
    public func stats() async -> EmulatorStats {
        await state?.stats ?? EmulatorStats()
    }
}
