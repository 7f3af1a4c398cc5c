import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GeminiBatch
import Housekeeping
import JobStore
import Testing

/// `prune --remote` and the check's remote cleanup, in this process against the emulator in this process:
/// only batches of this database's finished jobs are deleted, never one it does not know (the emulator holds
/// foreign batches made through its control API and through the API itself), a 404 counts as gone, each
/// job is recorded once, and a failed call leaves the job for the next cleanup.
@Suite struct RemoteCleanupTests {
    /// Whether the emulator still holds the batch (its control API, which changes nothing).
    static func exists(_ rig: InProcessChecker, _ name: String) async throws -> Bool {
        let id = name.dropFirst("batches/".count)
        let (_, response) = try await URLSession.shared.data(from: URL(string: rig.baseURL + "/_emulator/batches/\(id)")!)
        return (response as? HTTPURLResponse)?.statusCode == 200
    }

    /// A batch made through the control API in `state`, optionally recorded in the database as `status`.
    static func controlled(_ rig: InProcessChecker, state: String, name: String? = nil) async throws -> String {
        var body: [String: Any] = ["state": state, "items": 1]
        if let name { body["name"] = name }
        return try #require(try await rig.control("/_emulator/batches", body)["name"] as? String)
    }

    @Test func onlyThisDatabasesFinishedBatchesAreDeletedAndA404CountsAsGone() async throws {
        let rig = try await InProcessChecker.start("cleanup")
        defer { Task { await rig.stop() } }
        // Batches this database does not know: made by the control API, and one through the API with our key.
        var foreign = [try await Self.controlled(rig, state: "SUCCEEDED"), try await Self.controlled(rig, state: "FAILED")]
        foreign.append(try await rig.setupClient.createBatch(model: "gemini-3-pro-image", displayName: "pfc-jobs-not-ours",
                                                             requests: [BatchRequest(key: "req_0", prompt: "not ours")]).name)
        // Ours, finished by a real check run.
        let heron = try await rig.submit(["a heron"])
        let frogs = try await rig.submit(["a frog", "a toad [emu:blocked]"])
        let newt = try await rig.submit(["a newt"])
        let running = try await Self.controlled(rig, state: "RUNNING")
        _ = try rig.store.importJobs([JobImport(id: running, status: .pending)], dryRun: false, now: rig.clock.now)
        _ = try await rig.run()
        #expect(try [heron, frogs, newt].allSatisfy { try rig.store.job(id: $0)?.status == .completed })
        #expect(try rig.store.job(id: running)?.status == .pending)
        // Ours, imported: cancelled; a file-input job (its input file is long expired: 404); a job that gave up on
        // transient errors while its batch ran (it may still be retried: kept); and a legacy made-up id.
        let cancelled = try await Self.controlled(rig, state: "CANCELLED")
        let fileInput = try await Self.controlled(rig, state: "SUCCEEDED")
        let gaveUp = try await Self.controlled(rig, state: "SUCCEEDED")
        let legacy = try await Self.controlled(rig, state: "SUCCEEDED", name: "batch_20260207_210000")
        let finished = Timestamp(rig.clock.now)
        _ = try rig.store.importJobs([
            JobImport(id: cancelled, status: .cancelled, remoteState: "BATCH_STATE_CANCELLED", completedAt: finished),
            JobImport(id: fileInput, status: .completed, remoteState: "BATCH_STATE_SUCCEEDED", completedAt: finished,
                      requestMetadataJSON: #"{"uploaded_file":{"name":"files/input-jsonl-123"}}"#),
            JobImport(id: gaveUp, status: .failed, remoteState: "BATCH_STATE_RUNNING", completedAt: finished),
            JobImport(id: "batch_20260207_210000", status: .completed, completedAt: finished),
        ], dryRun: false, now: rig.clock.now)
        // Someone deleted this one already.
        try await rig.setupClient.deleteBatch(newt)
        let jobsBefore = try rig.store.jobs()
        let imagesBefore = try jobsBefore.map { try rig.store.images(jobID: $0.job.id) }

        let cutoff = rig.clock.now.addingTimeInterval(1)
        let cleanup = RemoteCleanup(store: rig.store, client: rig.client, clock: rig.clock.function)
        let planned = try RemoteCleanup.planned(store: rig.store, finishedBefore: cutoff)
        #expect(Set(planned.map(\.jobID)) == [heron, frogs, newt, cancelled, fileInput])
        #expect(planned.first { $0.jobID == fileInput }?.inputFile == "files/input-jsonl-123")
        #expect(try RemoteCleanup.planned(store: rig.store, finishedBefore: rig.clock.now.addingTimeInterval(-3600)).isEmpty,
                "nothing finished an hour ago")

        let report = try await cleanup.run(finishedBefore: cutoff)
        #expect(Set(report.deleted) == [heron, frogs, cancelled, fileInput])
        #expect(report.alreadyGone == [newt])
        #expect(report.filesDeleted == 1 && report.failed.isEmpty)
        let stats = await rig.server.stats()
        for name in foreign + [running, gaveUp, legacy] {
            #expect(stats.batches[name]?.deletes ?? 0 == 0, "\(name) was asked to be deleted")
            #expect(try await Self.exists(rig, name), "\(name) is gone")
        }
        for name in [heron, frogs, cancelled, fileInput] {
            #expect(stats.batches[name]?.deletes == 1)
            #expect(try await !Self.exists(rig, name))
            #expect(try rig.store.remoteDeletedAt(id: name) != nil)
            #expect(try rig.store.events(jobID: name).last?.kind == .remoteDeleted)
        }
        #expect(try rig.store.events(jobID: newt).last?.message?.contains("already gone") == true)
        #expect(try rig.store.events(jobID: fileInput).last?.message == "batch deleted on the API; input file files/input-jsonl-123 already gone")
        // No job and no image record went.
        #expect(try rig.store.jobs().map(\.job.id) == jobsBefore.map(\.job.id))
        #expect(try jobsBefore.map { try rig.store.images(jobID: $0.job.id) }.map(\.count) == imagesBefore.map(\.count))
        #expect(try rig.store.jobs().map(\.job.status) == jobsBefore.map(\.job.status))

        // A second cleanup does not ask the API again.
        let requests = stats.totalRequests
        let again = try await cleanup.run(finishedBefore: cutoff)
        #expect(again.deleted.isEmpty && again.alreadyGone.isEmpty && again.failed.isEmpty)
        #expect(await rig.server.stats().totalRequests == requests)
    }

    @Test func aFailedCallLeavesTheJobForTheNextCleanupAndARefusedKeyStopsIt() async throws {
        let rig = try await InProcessChecker.start("cleanup-faults")
        defer { Task { await rig.stop() } }
        let names = [try await rig.submit(["a heron"]), try await rig.submit(["a crane"])]
        _ = try await rig.run()
        let cutoff = rig.clock.now.addingTimeInterval(1)

        let refused = GeminiBatchClient(apiKey: APIKey("not-the-key"), configuration: GeminiClientConfiguration(baseURL: rig.baseURL))
        await #expect(throws: HousekeepingError.self) {
            try await RemoteCleanup(store: rig.store, client: refused).run(finishedBefore: cutoff)
        }
        #expect(try names.allSatisfy { try rig.store.remoteDeletedAt(id: $0) == nil })

        try await rig.control("/_emulator/config", ["faultRate": 1.0, "faults": ["503"]])
        let cleanup = RemoteCleanup(store: rig.store, client: rig.client, maxConcurrent: 1)
        let failing = try await cleanup.run(finishedBefore: cutoff)
        #expect(Set(failing.failed.map(\.jobID)) == Set(names) && failing.deleted.isEmpty)
        #expect(failing.failed.allSatisfy { $0.reason.contains("503") }, "\(failing.failed)")
        #expect(try names.allSatisfy { try rig.store.remoteDeletedAt(id: $0) == nil })

        try await rig.control("/_emulator/config", ["faultRate": 0.0])
        let recovered = try await cleanup.run(finishedBefore: cutoff)
        #expect(Set(recovered.deleted) == Set(names))
    }

    @Test func historyPruningKeepsJobsImagesAndTheLastCompletedRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-prune-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("jobs.sqlite3").path
        let store = try JobStore(path: path)
        let now = Date()
        let day = 86_400.0
        // Runs: two old completed ones (the newer of them is the last completed run: kept), an old crashed one,
        // an old failed one, a recent one.
        for (age, outcome) in [(200.0, RunOutcome.completed), (150, .failed), (120, nil), (100, .completed), (10, .failed)] {
            let started = now.addingTimeInterval(-age * day)
            let run = try store.startRun(owner: "test", now: started)
            if let outcome { try store.finishRun(id: run, counts: RunCounts(), outcome: outcome, now: started.addingTimeInterval(60)) }
        }
        // Jobs imported long ago (an old `imported` event each), then retried recently (a new `retry` event).
        _ = try store.importJobs((0..<5).map { JobImport(id: "batches/old\($0)", status: .failed) }, dryRun: false,
                                 now: now.addingTimeInterval(-180 * day))
        for index in 0..<2 { try store.retry(id: "batches/old\(index)", now: now.addingTimeInterval(-day)) }
        let jobsBefore = try store.jobs()
        let dumpBefore = try SQLiteDump.allText(path)

        let cutoff = now.addingTimeInterval(-90 * day)
        let dry = try store.pruneHistory(olderThan: cutoff, dryRun: true, now: now)
        #expect(dry == PruneCounts(runs: 3, events: 5))
        #expect(try SQLiteDump.allText(path) == dumpBefore, "a dry run changed the database")

        let real = try store.pruneHistory(olderThan: cutoff, dryRun: false, now: now)
        #expect(real == dry)
        let runs = try store.recentRuns(limit: 10)
        #expect(runs.count == 2)
        #expect(try store.lastCompletedRun()?.startedAt == Timestamp(now.addingTimeInterval(-100 * day)), "the last completed run went")
        #expect(try store.jobs() == jobsBefore, "a job changed")
        #expect(try store.events(jobID: "batches/old0").map(\.kind.rawValue) == ["retry"])
        #expect(try store.events(jobID: "batches/old4").isEmpty)
        #expect(try store.pruneHistory(olderThan: cutoff, dryRun: false, now: now) == PruneCounts())
        #expect(try store.integrityCheck() == [])
    }
}
