import Foundation
import Testing
import TestSupport
import JobStore

/// Cron may start a run while the previous one is still busy; several runs at once must share the work
/// without doing any of it twice. On PostgreSQL the eight runs are eight machines' worth of processes on one
/// server (claims through FOR UPDATE SKIP LOCKED); without the test server that case is skipped
/// (``CheckerOnPostgresTests`` says so).
@Suite struct OverlapTests {
    @Test(arguments: TestBackend.available)
    func eightRunsAtOnceFetchEveryBatchExactlyOnce(_ backend: TestBackend) async throws {
        try await withCheckerSetup("overlap", backend: backend) { workspace, emulator in
            var names: [String] = []
            for _ in 0..<200 { names.append(try await emulator.createBatch(items: 1)) }
            #expect(Set(names).count == 200)
            // Small claims so that all eight runs get a share.
            try workspace.writeConfig(emulator: emulator, ["claim_batch_size": 10])
            try workspace.writeLegacyTrackingFile(ids: names)
            let imported = try await workspace.run(["import-json"])
            #expect(imported.status == 0, "\(imported.summary)")

            let runs = try (0..<8).map { _ in try workspace.start(["check"]) }
            var results: [CommandRun] = []
            for run in runs { results.append(try await run.wait(timeout: .seconds(180))) }

            for result in results {
                #expect(result.status == 0 && !result.wasSignalled, "\(result.summary)")
                #expect(troubleLines(result.stderr).isEmpty, "\(result.summary)")
            }
            #expect(troubleLines(workspace.logText()).isEmpty, "\(troubleLines(workspace.logText()).prefix(5))")

            let stats = try await emulator.stats()
            let fetchedTwice = names.filter { (stats.batches[$0]?.gets ?? 0) != 1 }
            #expect(fetchedTwice.isEmpty, "batches not fetched exactly once: \(fetchedTwice.prefix(5).map { ($0, stats.batches[$0]?.gets ?? 0) })")

            let originals = workspace.files(in: workspace.originalFolder)
            #expect(originals.count == 200, "\(originals.count) originals")
            #expect(originals.allSatisfy { !$0.contains("-2.") && !$0.hasPrefix(".pfc-tmp-") })
            #expect(workspace.files(in: workspace.webpFolder).count == 0, "legacy entries without request files ask for no WebP")

            let store = try workspace.openStore()
            #expect(store.backend == backend.storeBackend, "the runs worked on \(store.backend), not \(backend)")
            let jobs = try store.jobs()
            #expect(jobs.count == 200)
            #expect(jobs.allSatisfy { $0.job.status == .completed && $0.doneImageCount == 1 && $0.job.leaseOwner == nil },
                    "\(jobs.filter { $0.job.status != .completed }.prefix(3).map { ($0.job.id, $0.job.status, $0.job.lastError ?? "") })")
            // Every image row points at its own file, and names this machine as its writer.
            let images = try jobs.flatMap { try store.images(jobID: $0.job.id) }
            #expect(Set(images.compactMap(\.originalPath)).count == 200)
            #expect(Set(images.map { $0.writtenBy ?? "nil" }) == [JobStore.hostName])
            // The work was shared: more than one run retrieved something.
            let busyRuns = workspace.logText().split(separator: "\n")
                .filter { $0.contains("Batch check complete:") && !$0.contains("complete: 0 retrieved") }
            #expect(busyRuns.count > 1, "only \(busyRuns.count) run(s) did any work")
        }
    }
}
