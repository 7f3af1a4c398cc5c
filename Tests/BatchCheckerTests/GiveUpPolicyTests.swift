import Foundation
import Testing
import BatchChecker
import GeminiEmulator
import JobStore

/// Transient errors fail a job only when it has used its attempts AND outlived its batch (48 h + a margin):
/// an outage of hours must not fail batches that are still alive. Time is the test's, not the wall clock's.
@Suite struct GiveUpPolicyTests {
    @Test func aDayOf503sLeavesAYoungJobPendingAndFailsAnOldOne() async throws {
        let rig = try await InProcessChecker.start("giveup")
        defer { Task { await rig.stop() } }
        let start = rig.clock.now
        let young = try await rig.submit(["a young batch"], submittedAt: start)
        let old = try await rig.submit(["an old batch"], submittedAt: start.addingTimeInterval(-30 * 3600))
        try await rig.control("/_emulator/config", ["faultRate": 1.0, "faults": "503"])

        // A day of cron runs every 10 minutes, every status call answered 503.
        for _ in 0..<(24 * 6) {
            rig.clock.advance(by: 600)
            _ = try await rig.run()
        }
        let youngJob = try #require(try rig.store.job(id: young))
        #expect(youngJob.status == .pending)
        #expect(youngJob.attempts > rig.config.maxAttempts)
        // Backoff is capped (two poll intervals): the job is looked at again soon after the outage ends.
        #expect(youngJob.nextCheckAt.date <= rig.clock.now.addingTimeInterval(2 * Double(rig.config.pollIntervalSeconds)))
        let oldJob = try #require(try rig.store.job(id: old))
        #expect(oldJob.status == .failed)
        #expect(oldJob.lastError?.contains("503") == true)

        // The outage ends: the young job completes.
        try await rig.control("/_emulator/config", ["faultRate": 0.0])
        rig.clock.advance(by: 1200)
        _ = try await rig.run()
        rig.clock.advance(by: 1200)
        _ = try await rig.run()
        #expect(try rig.store.job(id: young)?.status == .completed)
    }
}
