import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import BatchChecker
import GeminiBatch
import GeminiEmulator
import JobStore
import Logging
import PFCConfig
import TestSupport

/// The checker in this process against the emulator in this process (real HTTP over loopback, a real SQLite
/// file, real image files): fast tests of one behaviour each, beside the end-to-end ones that run the binary.
struct InProcessChecker: InstallationBacked, Sendable {
    let installation: EmulatedInstallation
    let client: GeminiBatchClient
    let clock: TestClock
    static let key = "in-process-key-\(UInt32.random(in: 0...UInt32.max))"

    var server: EmulatorServer { installation.server }

    /// - Parameter key: the key the checker's client sends (the emulator accepts only ``key``).
    static func start(_ name: String, emulator: (inout EmulatorConfiguration) -> Void = { _ in },
                      config change: (inout Config) -> Void = { _ in },
                      retryPolicy: RetryPolicy = .noRetries, key: String = InProcessChecker.key) async throws -> InProcessChecker {
        let installation = try await EmulatedInstallation.start("pfc-inproc-\(name)", key: Self.key, emulator: emulator) { config in
            config.pollIntervalSeconds = 300
            change(&config)
        }
        var clientConfiguration = GeminiClientConfiguration(config: installation.config)
        clientConfiguration.retryPolicy = retryPolicy
        let client = GeminiBatchClient(apiKey: APIKey(key), configuration: clientConfiguration)
        return InProcessChecker(installation: installation, client: client, clock: TestClock())
    }

    func stop() async { await installation.stop() }

    /// A client with the right key, for creating batches the checker then looks after.
    var setupClient: GeminiBatchClient {
        GeminiBatchClient(apiKey: APIKey(Self.key), configuration: GeminiClientConfiguration(baseURL: baseURL))
    }

    /// Creates a batch on the emulator and records it as a pending job, submitted at `submittedAt`.
    @discardableResult
    func submit(_ prompts: [String], model: String = "gemini-3-pro-image", submittedAt: Date? = nil,
                metadata: String? = nil) async throws -> String {
        let requests = prompts.enumerated().map { BatchRequest(key: "req_\($0.offset)", prompt: $0.element) }
        let batch = try await setupClient.createBatch(model: model, displayName: "test-\(UUID().uuidString)", requests: requests)
        _ = try store.importJobs([JobImport(id: batch.name, status: .pending,
                                            submittedAt: Timestamp(submittedAt ?? clock.now),
                                            requestMetadataJSON: metadata ?? #"{"convert_to_webp":true,"model":"\#(model)"}"#)],
                                 dryRun: false, now: clock.now)
        return batch.name
    }

    func checker(logger: Logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }) -> BatchChecker {
        BatchChecker(settings: CheckerSettings(config: config), store: store, client: client, logger: logger,
                     clock: clock.function)
    }

    func run() async throws -> CheckReport { try await checker().run() }

    /// POSTs to the emulator's control API (`/_emulator/config`, `/_emulator/script`, ...).
    @discardableResult
    func control(_ path: String, _ body: [String: Any]) async throws -> [String: Any] {
        try await installation.control.post(path, body)
    }

    /// GETs an emulated API path with the right key and returns the decoded JSON (what the service sent).
    func rawGet(_ path: String) async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.setValue(Self.key, forHTTPHeaderField: "x-goog-api-key")
        let (data, _) = try await URLSession.shared.data(for: request)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
