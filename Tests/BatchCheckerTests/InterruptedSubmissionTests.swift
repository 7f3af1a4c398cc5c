import Foundation
import Testing
import TestSupport
import BatchChecker
import GeminiBatch
import GeminiEmulator
import JobStore
import Logging
import PFCConfig

/// A `submit` killed between recording its intent and storing the API's answer: the next check finds
/// the batch by the intent's display name and binds it, or marks the intent failed when the create
/// never reached the API. Nothing is created twice.
@Suite struct InterruptedSubmissionTests {
    @Test func lostSubmissionsAreBoundOrFailedByTheNextCheck() async throws {
        let key = "interrupted-key-0123456789"
        let installation = try await EmulatedInstallation.start("pfc-interrupted", key: key, emulator: { settings in
            settings.imageWidth = 16
            settings.imageHeight = 16
        }, config: { $0.pollIntervalSeconds = 0 })
        defer { Task { await installation.stop() } }
        let (server, config, store) = (installation.server, installation.config, installation.store)
        let client = GeminiBatchClient(apiKey: APIKey(key), configuration: GeminiClientConfiguration(baseURL: installation.baseURL))

        // Two submits died an hour ago: the first after the API created its batch, the second before.
        let anHourAgo = Date().addingTimeInterval(-3600)
        let reached = try store.createIntent(displayName: "pfc-jobs-reached", requestMetadataJSON: nil, now: anHourAgo)
        let lost = try store.createIntent(displayName: "pfc-jobs-lost", requestMetadataJSON: nil, now: anHourAgo)
        let young = try store.createIntent(displayName: "pfc-jobs-still-running", requestMetadataJSON: nil)
        let batch = try await client.createBatch(model: "gemini-3.1-flash-image", displayName: "pfc-jobs-reached",
                                                 requests: [BatchRequest(key: "req_0", prompt: "a heron")])

        let checker = BatchChecker(settings: CheckerSettings(config: config), store: store, client: client,
                                   logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let report = try await checker.run()

        #expect(try store.job(id: reached) == nil)
        let bound = try #require(try store.job(id: batch.name))
        #expect(bound.displayName == "pfc-jobs-reached")
        #expect(bound.status == .completed)
        #expect(report.retrieved == 1)
        let failed = try #require(try store.job(id: lost))
        #expect(failed.status == .failed)
        #expect(failed.lastError?.contains("never reached the API") == true)
        #expect(try store.job(id: young)?.status == .pending)
        let stats = await server.stats()
        #expect(stats.batches.values.map(\.creates).reduce(0, +) == 1)
    }
}
