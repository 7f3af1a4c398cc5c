import Foundation
import Testing
import JobStore

/// `check --scheduled` as cron runs it, through the real binary: the gate that skips firings which come
/// before the interval has passed, and the runs it measures from.
@Suite struct ScheduledRunCLITests {
    typealias Home = OperatorCommandTests.Home

    /// `check --job` (and the MCP server's retrieve) records a run too; the scheduled-run gate measures from the
    /// last run over every due job, so checking one job by hand does not make the next scheduled firing skip.
    @Test func aOneJobRunDoesNotHoldBackTheScheduledRun() throws {
        let home = try Home()
        // 45 minutes: cron fires every 15 and `check --scheduled` skips firings that come too early.
        try home.writeConfig(#", "batch_check_interval_minutes": 45"#)
        let config = ["--config", home.config.path]
        let oneJob = try home.run(["check", "--job", "batches/nope"] + config, environment: ErrorBoundaryCLITests.offline)
        #expect(oneJob.status == 0, "\(oneJob.err)")
        let scheduled = try home.run(["check", "--scheduled"] + config, environment: ErrorBoundaryCLITests.offline)
        #expect(scheduled.status == 0, "\(scheduled.err)")
        let store = try JobStore(path: home.database.path)
        let runs = try store.recentRuns()
        #expect(runs.count == 2, "the scheduled run was skipped after a one-job run")
        #expect(runs.last?.isOneJobRun == true && runs.first?.isOneJobRun == false)
        #expect(try store.lastCompletedRun()?.id == runs.first?.id)

        // The gate still holds back a firing that comes too early after a full run, and lets one through an
        // interval later (the hidden clock moves the binary's time forward).
        _ = try home.run(["check", "--scheduled"] + config, environment: ErrorBoundaryCLITests.offline)
        #expect(try store.recentRuns().count == 2, "a firing right after a full run ran")
        let later = ErrorBoundaryCLITests.offline.merging(["PFC_JOBS_CLOCK_OFFSET_SECONDS": "2700"]) { $1 }
        _ = try home.run(["check", "--scheduled"] + config, environment: later)
        #expect(try store.recentRuns().count == 3, "the firing an interval later was skipped")
    }
}
