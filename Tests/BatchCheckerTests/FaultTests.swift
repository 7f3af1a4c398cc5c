import Foundation
import Testing
import JobStore

/// A flaky service (429, 500, 503, dropped connections, truncated bodies) delays retrieval but never
/// fails a job that would succeed on a later try.
@Suite struct FaultTests {
    @Test func repeatedRunsRetrieveEverythingThroughThirtyPercentFaults() async throws {
        try await withCheckerSetup("faults") { workspace, emulator in
            // Above two items the output goes to a responses file, so downloads meet faults as well.
            try await emulator.control("/_emulator/config", ["inlineLimit": 2])
            var names: [String] = []
            var expectedImages = 0
            for index in 0..<40 {
                let items = 1 + index % 4
                names.append(try await emulator.createBatch(items: items))
                expectedImages += items
            }
            try workspace.writeConfig(emulator: emulator, ["backoff_base_seconds": 1, "max_attempts": 1000])
            try workspace.writeLegacyTrackingFile(ids: names)
            #expect(try await workspace.run(["import-json"]).status == 0)
            try await emulator.control("/_emulator/config", [
                // A 429 asks to come back in 10 minutes, more than the client waits within one run: those
                // reach the checker as transient job errors, the rest the client's own retries absorb.
                "faultRate": 0.3, "faults": "429,500,503,drop,truncate", "seed": 20260207, "retryAfterSeconds": 600,
            ])

            let store = try workspace.openStore()
            var runs = 0
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(240)
            // Backoff moves jobs into the future: keep running, as cron would, until none is pending.
            // Each run's clock is 11 minutes past the last one's (more than the longest backoff, two poll
            // intervals), so backoffs pass without waiting; 80 runs stay well inside the give-up age.
            while try store.jobCounts()[.pending, default: 0] > 0, runs < 80, clock.now < deadline {
                let result = try await workspace.run(["check"], clockOffset: Double(runs) * 660)
                runs += 1
                #expect(result.status == 0, "\(result.summary)")
            }

            let stats = try await emulator.stats()
            let injected = stats.faultsInjected.values.reduce(0, +)
            #expect(injected > 0, "no fault was injected")
            let jobs = try store.jobs()
            let unfinished = jobs.filter { $0.job.status != .completed }
            #expect(unfinished.isEmpty, "after \(runs) runs: \(unfinished.prefix(5).map { ($0.job.id, $0.job.status, $0.job.lastError ?? "") })")
            #expect(jobs.allSatisfy { $0.failedImageCount == 0 }, "an item was failed by a transient fault")
            #expect(jobs.reduce(0) { total, row in total + row.doneImageCount } == expectedImages)
            let originals = workspace.files(in: workspace.originalFolder)
            #expect(originals.count == expectedImages, "\(originals.count) files for \(expectedImages) images")
            #expect(workspace.temporaryLeftovers().isEmpty)
            let backoffs = workspace.logText().components(separatedBy: "retrying after backoff").count - 1
            #expect(backoffs > 0, "no fault reached the checker; faults \(stats.faultsInjected)")
            #expect(runs > 1)
            print("faults \(stats.faultsInjected) over \(runs) runs; \(backoffs) job-level backoffs")
        }
    }
}
