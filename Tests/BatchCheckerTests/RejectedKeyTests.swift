import Foundation
import Testing
import TestSupport
import BatchChecker
import GeminiBatch
import GeminiEmulator
import JobStore
import Logging
import PFCConfig

/// A key the API refuses (403) would fail every job the same way: the run stops as a whole, and the
/// jobs it had claimed are given back untouched (no attempt counted, no error recorded, no lease held).
@Suite struct RejectedKeyTests {
    @Test func aRefusedKeyStopsTheRunAndLeavesEveryJobAsItWas() async throws {
        let installation = try await EmulatedInstallation.start("pfc-rejected", key: "the-right-key-0123456789",
                                                                config: { $0.maxConcurrentRequests = 2 })
        defer { Task { await installation.stop() } }
        let (server, config, store) = (installation.server, installation.config, installation.store)
        let client = GeminiBatchClient(apiKey: APIKey("a-revoked-key-9876543210"),
                                       configuration: GeminiClientConfiguration(baseURL: installation.baseURL))
        let ids = (0..<5).map { "batches/rejected\($0)" }
        _ = try store.importJobs(ids.map { JobImport(id: $0, status: .pending) }, dryRun: false)

        let checker = BatchChecker(settings: CheckerSettings(config: config), store: store, client: client,
                                   logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        await #expect {
            _ = try await checker.run()
        } throws: { error in
            guard case CheckerError.authenticationRejected = error else { return false }
            return !"\(error)".contains("a-revoked-key")
        }
        for id in ids {
            let job = try #require(try store.job(id: id))
            #expect(job.status == .pending)
            #expect(job.attempts == 0)
            #expect(job.lastError == nil)
            #expect(job.leaseOwner == nil)
        }
        #expect(try store.recentRuns(limit: 1).first?.outcome == .failed)
        #expect(await server.stats().permissionDenied >= 1)
    }
}
