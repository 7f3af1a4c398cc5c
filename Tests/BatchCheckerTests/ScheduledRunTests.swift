import Foundation
import Testing
import JobStore

/// What cron's `check --scheduled` does beyond a plain `check`: nothing while checking is disabled,
/// and for an interval cron cannot express (45 min fires every 15) nothing until the interval has
/// passed since the last completed run started.
@Suite struct ScheduledRunTests {
    @Test func disabledOrNotYetDueScheduledRunsDoNothing() async throws {
        try await withCheckerSetup("scheduled") { workspace, emulator in
            let name = try await emulator.createBatch(items: 1)
            try workspace.writeLegacyTrackingFile(ids: [name])
            try workspace.writeConfig(emulator: emulator, ["batch_check_enabled": false, "batch_check_interval_minutes": 45])
            #expect(try await workspace.run(["import-json"]).status == 0)

            let disabled = try await workspace.run(["check", "--scheduled"])
            #expect(disabled.status == 0, "\(disabled.summary)")
            #expect(workspace.logText().contains("disabled"))
            #expect(try await emulator.stats().totalRequests == 0)

            // A manual run is not gated: it retrieves the job and records a completed run.
            let manual = try await workspace.run(["check"])
            #expect(manual.status == 0, "\(manual.summary)")
            #expect(try workspace.openStore().job(id: name)?.status == .completed)
            let requestsAfterManual = try await emulator.stats().totalRequests

            // Enabled now; the last completed run started moments ago, far less than 45 minutes.
            try workspace.writeConfig(emulator: emulator, ["batch_check_enabled": true, "batch_check_interval_minutes": 45])
            let runsBefore = try workspace.openStore().recentRuns(limit: 100).count
            let gated = try await workspace.run(["check", "--scheduled"])
            #expect(gated.status == 0, "\(gated.summary)")
            #expect(try workspace.openStore().recentRuns(limit: 100).count == runsBefore, "a gated firing records no run")
            #expect(try await emulator.stats().totalRequests == requestsAfterManual)

            // An interval cron expresses exactly (30 divides 60) is never gated.
            try workspace.writeConfig(emulator: emulator, ["batch_check_enabled": true, "batch_check_interval_minutes": 30])
            let exact = try await workspace.run(["check", "--scheduled"])
            #expect(exact.status == 0, "\(exact.summary)")
            #expect(try workspace.openStore().recentRuns(limit: 100).count == runsBefore + 1)
        }
    }
}
