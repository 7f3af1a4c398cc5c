import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import BatchChecker
import GeminiBatch
import GeminiEmulator
import Housekeeping
import JobStore
import LegacyFormat
import OrderedJSON
import PFCConfig
import Submission
import Synchronization
import Testing

/// A batch too big to go inline (reference images past 20 MB) goes through the Files API: written as JSONL with
/// its images streamed, uploaded with the resumable protocol, created with `inputConfig.fileName`, retrieved by a
/// check from its responses file, and its input file deleted by the remote cleanup; a connection dropped in the
/// middle of a chunk resumes from the server's offset. Submit, check and cleanup run in this process against
/// the emulator in this process, over loopback.
@Suite struct FilesAPISubmitTests {
    /// `count` reference images of `bytes` each: a PNG signature and random bytes (only the head is sniffed).
    static func references(in folder: URL, count: Int, bytes: Int) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let random = try #require(FileHandle(forReadingAtPath: "/dev/urandom"))
        defer { try? random.close() }
        return try (0..<count).map { index in
            let url = folder.appendingPathComponent("reference-\(index).png")
            try (Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + random.readData(ofLength: bytes - 8)).write(to: url)
            return url
        }
    }

    /// One request per image, each with its image.
    static func plan(_ rig: InProcessChecker, images: [URL]) throws -> SubmissionPlan {
        let requests = images.enumerated().map { index, image in
            var request = SubmissionRequest(prompt: "the frog of picture \(index), in a hat")
            request.referenceImages = [image.path]
            return request
        }
        return try JobSubmission(requests: requests).plan(config: rig.config)
    }

    /// A client of the rig's installation with the given chunk size.
    static func client(_ rig: InProcessChecker, chunkSize: Int) -> GeminiBatchClient {
        var configuration = GeminiClientConfiguration(config: rig.config)
        configuration.uploadChunkSize = chunkSize
        configuration.retryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 60)
        return GeminiBatchClient(apiKey: APIKey(InProcessChecker.key), configuration: configuration)
    }

    static func uploadedFile(of job: Job) throws -> String {
        try #require(job.requestMetadata.uploadedInputFile, "the job records its input file")
    }

    @Test func aBatchOver20MBIsUploadedCreatedFromItsFileRetrievedAndItsFileDeletedByTheCleanup() async throws {
        let rig = try await InProcessChecker.start("files-api")
        defer { Task { await rig.stop() } }
        let images = try Self.references(in: rig.root.appendingPathComponent("refs"), count: 3, bytes: 8_000_000)
        let plan = try Self.plan(rig, images: images)
        let progress = Mutex<[String]>([])
        let submitter = JobSubmitter(store: rig.store, client: Self.client(rig, chunkSize: 8 << 20), paths: rig.config.paths,
                                     clock: rig.clock.function, progress: { line in progress.withLock { $0.append(line) } })
        let job = try await submitter.submit(plan)

        let file = try Self.uploadedFile(of: job)
        #expect(file.hasPrefix("files/pfc-"))
        let record = try await rig.installation.control.get("/_emulator/batches/\(job.id.dropFirst("batches/".count))")
        #expect(record["inputFile"] as? String == file, "created with inputConfig.fileName")
        let items = try #require(record["items"] as? [[String: Any]])
        let received = items.map { ($0["referenceImages"] as? [[String: Any]] ?? []).compactMap { $0["sha256"] as? String } }
        #expect(received == (try images.map { [try SubmitParityTests.sha256($0)] }), "reference images reach the service byte for byte")
        let stats = await rig.server.stats()
        #expect(stats.uploads.finalized == 1 && stats.uploads.fileInputBatches == 1 && stats.uploads.chunks >= 4, "\(stats.uploads)")
        #expect(stats.requestsWithKeyInURL == 0)
        let lines = progress.withLock { $0 }
        #expect(lines.contains { $0.contains("over the 20 MB inline limit") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("uploaded 32.0 MB as \(file) in ") }, "\(lines)")
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: rig.config.paths.downloadFolder.path)) ?? []
        #expect(!leftovers.contains { $0.contains("upload") }, "the local JSONL is gone once uploaded: \(leftovers)")
        let metadata = try JSONSerialization.jsonObject(with: Data(contentsOf: rig.config.paths.batchMetadataFolder
            .appendingPathComponent(job.id + ".json"))) as? [String: Any]
        #expect(metadata?["uploaded_file"] as? String == file, "batch_metadata names it too")

        for _ in 0..<5 where try rig.store.job(id: job.id)?.status == .pending {
            _ = try await rig.run()
            rig.clock.advance(by: 600)
        }
        #expect(try rig.store.job(id: job.id)?.status == .completed)
        let written = try rig.store.images(jobID: job.id)
        #expect(written.count == 3)
        #expect(written.allSatisfy { $0.originalPath.map { FileManager.default.fileExists(atPath: $0) } == true }, "\(written)")

        let report = try await RemoteCleanup(store: rig.store, client: rig.client, clock: rig.clock.function)
            .run(finishedBefore: rig.clock.now.addingTimeInterval(1))
        #expect(report.deleted == [job.id] && report.filesDeleted == 1, "\(report)")
        #expect(await rig.server.stats().uploads.fileDeletes == 1)
        await #expect(throws: GeminiError.self, "the input file is gone") { _ = try await rig.client.getFile(file) }
    }

    @Test func aConnectionDroppedMidChunkResumesFromTheServersOffset() async throws {
        let rig = try await InProcessChecker.start("files-resume", emulator: { $0.dropUploadChunk = 3 })
        defer { Task { await rig.stop() } }
        let images = try Self.references(in: rig.root.appendingPathComponent("refs"), count: 3, bytes: 5_500_000)
        let plan = try Self.plan(rig, images: images)
        let job = try await JobSubmitter(store: rig.store, client: Self.client(rig, chunkSize: 2 << 20), paths: rig.config.paths,
                                         clock: rig.clock.function).submit(plan)
        let stats = await rig.server.stats()
        #expect(stats.uploads.droppedChunks == 1 && stats.uploads.queries >= 1 && stats.uploads.refused == 0, "\(stats.uploads)")
        #expect(stats.uploads.finalized == 1 && stats.batches.values.map(\.creates).reduce(0, +) == 1, "one batch")

        // The same requests written again locally (the encoding is deterministic) are what the service holds.
        let local = try BatchRequest.writeInputFile(plan.requests, in: rig.root)
        let file = try Self.uploadedFile(of: job)
        let held = try await rig.installation.control.get("/_emulator/files/\(file.dropFirst("files/".count))")
        #expect(held["sha256"] as? String == (try SubmitParityTests.sha256(local.file.url)))
        #expect(held["sizeBytes"] as? String == String(local.byteCount))
    }

    @Test func anUploadThatFailsLeavesNoBatchAndNoJob() async throws {
        // Every chunk after the start is answered 503: the retries run out, nothing is created, nothing recorded.
        let rig = try await InProcessChecker.start("files-fail")
        defer { Task { await rig.stop() } }
        let images = try Self.references(in: rig.root.appendingPathComponent("refs"), count: 3, bytes: 7_000_000)
        let plan = try Self.plan(rig, images: images)
        let submitter = JobSubmitter(store: rig.store, client: Self.client(rig, chunkSize: 4 << 20), paths: rig.config.paths,
                                     clock: rig.clock.function, progress: { line in
            if line.contains("over the 20 MB inline limit") { Self.blockingControl(rig.baseURL, ["faultRate": 1.0, "faults": "503"]) }
        })
        await #expect(throws: SubmitError.self) { _ = try await submitter.submit(plan) }
        #expect(try rig.store.jobs().isEmpty, "no job, no intent")
        let stats = await rig.server.stats()
        #expect(stats.uploads.finalized == 0 && stats.batches.values.map(\.creates).reduce(0, +) == 0)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: rig.config.paths.downloadFolder.path)) ?? []
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func aSubmitKilledBetweenUploadAndCreateIsSettledByTheNextCheckWithoutASecondBatch() async throws {
        let rig = try await InProcessChecker.start("files-crash")
        defer { Task { await rig.stop() } }
        // What a killed submit leaves: the intent naming its uploaded file, the file on the service, no batch.
        let input = rig.root.appendingPathComponent("input.jsonl")
        try Data(#"{"key":"req_0","request":{"contents":[{"parts":[{"text":"a heron"}]}]}}"#.utf8 + [10]).write(to: input)
        let file = "files/pfc-crashed-between"
        _ = try await rig.client.uploadFile(input, name: file, displayName: "pfc-jobs-crashed")
        let metadata = RequestMetadata().withUploadedFile(file)
        let intent = try rig.store.createIntent(displayName: "pfc-jobs-crashed", requestMetadataJSON: JSONValue.object(metadata.object).serialized(),
                                                now: rig.clock.now.addingTimeInterval(-3600))
        _ = try await rig.run()
        let settled = try #require(try rig.store.job(id: intent))
        #expect(settled.status == .failed && settled.lastError?.contains("never reached the API") == true)
        #expect(settled.requestMetadata.uploadedInputFile == file, "its file stays named for the cleanup")
        #expect(await rig.server.stats().batches.values.map(\.creates).reduce(0, +) == 0, "the check never creates")
    }

    @Test func theBinarySubmitsABigBatchThroughAnUploadChecksItAndPruneDeletesItsFile() async throws {
        try await withCheckerSetup("files-cli") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let images = try Self.references(in: workspace.root.appendingPathComponent("refs"), count: 3, bytes: 7_000_000)
            let lines = workspace.root.appendingPathComponent("big.jsonl")
            try Data(images.enumerated().map { index, image in
                #"{"prompt": "frog \#(index) in a hat", "reference_images": ["\#(image.path)"]}"# + "\n"
            }.joined().utf8).write(to: lines)
            let run = try await workspace.run(["submit", "--json", "--prompts-file", lines.path])
            #expect(run.status == 0, "\(run.summary)")
            #expect(run.stderr.contains("over the 20 MB inline limit") && run.stderr.contains("uploaded 28.0 MB as files/pfc-"),
                    "\(run.stderr)")
            let id = try SubmitParityTests.id(of: run)
            try await HousekeepingCLITests.checkUntilCompleted(workspace, id)
            #expect(try workspace.openStore().images(jobID: id).count == 3)

            let prune = try await workspace.run(["prune", "--remote", "--older-than", "0d"])
            #expect(prune.status == 0, "\(prune.summary)")
            let stats = try await emulator.stats()
            #expect(stats.uploads.fileDeletes == 1 && stats.batches[id]?.deletes == 1, "\(stats.uploads)")
            #expect(stats.requestsWithKeyInURL == 0)
        }
    }

    /// A control request made synchronously (from a progress callback, which cannot await).
    static func blockingControl(_ baseURL: String, _ body: [String: Any]) {
        var request = URLRequest(url: URL(string: baseURL + "/_emulator/config")!)
        request.httpMethod = "POST"
        request.httpBody = try? JSONSerialization.data(withJSONObject: body)
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { _, _, _ in done.signal() }.resume()
        _ = done.wait(timeout: .now() + 10)
    }
}
