import Foundation
import JobStore
import Testing

/// `prune`, the check's remote cleanup and `resubmit` as a person or cron runs them: the real binary, a real
/// config and database, and the `pfc-jobs emulator` process, which also holds batches this database does not know.
@Suite struct HousekeepingCLITests {
    /// Runs `check` until the job is completed (bounded).
    static func checkUntilCompleted(_ workspace: Workspace, _ id: String) async throws {
        for _ in 0..<10 {
            let check = try await workspace.run(["check"])
            #expect(check.status == 0, "\(check.summary)")
            if try workspace.openStore().job(id: id)?.status == .completed { return }
        }
        Issue.record("\(id) was not completed after 10 check runs")
    }

    @Test func pruneDeletesOnlyOwnBatchesAndADryRunChangesNothing() async throws {
        try await withCheckerSetup("prune-cli") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let foreign = try await emulator.createBatch(items: 1, state: "SUCCEEDED")
            let id = try SubmitParityTests.id(of: try await workspace.run(["submit", "--json", "--prompt", "a heron"]))
            try await Self.checkUntilCompleted(workspace, id)

            let bad = try await workspace.run(["prune", "--older-than", "3x"])
            #expect(bad.status == 2 && bad.stderr.contains("--older-than 3x"), "\(bad.summary)")

            let dump = try SQLiteDump.allText(workspace.databasePath)
            let requests = try await emulator.stats().totalRequests
            let dry = try await workspace.run(["prune", "--remote", "--dry-run", "--older-than", "0d"])
            #expect(dry.status == 0, "\(dry.summary)")
            #expect(dry.stdout.contains("Would delete") && dry.stdout.contains("history events"))
            #expect(dry.stdout.contains("Would delete on the API the batches of 1 finished job:") && dry.stdout.contains(id))
            #expect(!dry.stdout.contains(foreign))
            #expect(try SQLiteDump.allText(workspace.databasePath) == dump, "--dry-run changed the database")
            #expect(try await emulator.stats().totalRequests == requests, "--dry-run called the API")

            let real = try await workspace.run(["prune", "--remote", "--older-than", "0d"])
            #expect(real.status == 0, "\(real.summary)")
            #expect(real.stdout.contains("On the API: 1 batch deleted, 0 already gone, 0 failed."), "\(real.stdout)")
            let stats = try await emulator.stats()
            #expect(stats.batches[id]?.deletes == 1)
            #expect(stats.batches[foreign]?.deletes ?? 0 == 0, "a batch this database does not know was deleted")
            #expect(try await emulator.batchRecord(foreign)["name"] as? String == foreign)
            let store = try workspace.openStore()
            #expect(try store.job(id: id)?.status == .completed, "the job record stays")
            #expect(try store.images(jobID: id).count == 1, "the image record stays")

            let second = try await workspace.run(["prune", "--remote", "--older-than", "0d"])
            #expect(second.stdout.contains("On the API: 0 batches deleted, 0 already gone, 0 failed."), "\(second.stdout)")
            #expect(try await emulator.stats().totalRequests == stats.totalRequests, "a second prune asked the API again")
            let show = try await workspace.run(["show", id])
            #expect(show.stdout.contains("remote batch  deleted "), "\(show.stdout)")
        }
    }

    @Test func checkCleansUpFinishedBatchesByItselfWhenConfigured() async throws {
        try await withCheckerSetup("cleanup-check") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator, ["remote_cleanup_after_days": -1])
            let refused = try await workspace.run(["list"])
            #expect(refused.status == 2 && refused.stderr.contains("remote_cleanup_after_days"), "\(refused.summary)")

            try workspace.writeConfig(emulator: emulator, ["remote_cleanup_after_days": 0])
            let foreign = try await emulator.createBatch(items: 1, state: "SUCCEEDED")
            let id = try SubmitParityTests.id(of: try await workspace.run(["submit", "--json", "--prompt", "a heron"]))
            try await Self.checkUntilCompleted(workspace, id)
            let stats = try await emulator.stats()
            #expect(stats.batches[id]?.deletes == 1, "the run that retrieved it deleted it")
            #expect(stats.batches[foreign]?.deletes ?? 0 == 0)
            #expect(try workspace.openStore().remoteDeletedAt(id: id) != nil)
            let log = try String(contentsOf: workspace.logFile, encoding: .utf8)
            #expect(log.contains("Remote cleanup (remote_cleanup_after_days 0): 1 batch deleted, 0 already gone, 0 failed"), "\(log)")
            // The next run has nothing to clean and says nothing about it.
            #expect(try await workspace.run(["check"]).status == 0)
            #expect(try await emulator.stats().batches[id]?.deletes == 1)
        }
    }

    @Test func resubmitCarriesTheFailedRequestAndShowNamesBothJobs() async throws {
        try await withCheckerSetup("resubmit-cli") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let id = try SubmitParityTests.id(of: try await workspace.run(
                ["submit", "--json", "--prompt", "a heron", "--prompt", "a frog [emu:blocked]", "--title", "Pond"]))
            try await Self.checkUntilCompleted(workspace, id)

            let run = try await workspace.run(["resubmit", id, "--failed-only"])
            #expect(run.status == 0, "\(run.summary)")
            let followUp = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(followUp.hasPrefix("batches/") && followUp != id)
            #expect(run.stderr.contains("resubmitted 1 of 2 requests (the failed ones): req_1 of \(id)"), "\(run.stderr)")
            #expect(run.stderr.contains("estimated cost: $"))
            let items = try #require(try await emulator.batchRecord(followUp)["items"] as? [[String: Any]])
            #expect(items.map { $0["key"] as? String } == ["req_1"])

            let original = try await workspace.run(["show", id])
            #expect(original.stdout.contains("resubmitted   \(followUp) (pending)"), "\(original.stdout)")
            let shown = try await workspace.run(["show", followUp])
            #expect(shown.stdout.contains("resubmit of   \(id)"), "\(shown.stdout)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(try await workspace.run(["show", id, "--json"]).stdout.utf8))
                as? [String: Any])
            #expect(json["resubmitted_as"] as? [String] == [followUp])
            let followUpJSON = try #require(try JSONSerialization.jsonObject(
                with: Data(try await workspace.run(["show", followUp, "--json"]).stdout.utf8)) as? [String: Any])
            #expect(followUpJSON["resubmitted_from"] as? String == id)
            // The legacy request file of the follow-up names the original too.
            let request = try workspace.jsonObject(at: workspace.batchMetadataFolder.appendingPathComponent(followUp + ".json"))
            #expect(request["resubmitted_from"] as? String == id && request["title"] as? String == "Pond")

            let pending = try await workspace.run(["resubmit", followUp])
            #expect(pending.status == 2 && pending.stderr.contains("is pending"), "\(pending.summary)")
            #expect(try await workspace.run(["resubmit", "nope"]).status == 1)
            let retired = try await workspace.run(["resubmit", id, "--model", "gemini-2.5-flash-image"])
            #expect(retired.status == 2 && retired.stderr.contains("gemini-2.5-flash-image"), "\(retired.summary)")
        }
    }
}
