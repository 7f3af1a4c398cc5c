import BatchChecker
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Housekeeping
import ImageConversion
import JobStore
import LegacyFormat
import PFCConfig
import Submission
import Testing

/// `resubmit`: a new batch of a finished job's requests (or only those that produced no image) through the
/// ordinary submit path, in this process against the emulator in this process; what the emulator received is
/// read back from its control API (keys, reference-image digests, and the outcome the prompt text earned).
@Suite struct ResubmitTests {
    static func record(_ rig: InProcessChecker, _ name: String) async throws -> [String: Any] {
        let id = name.dropFirst("batches/".count)
        let (data, _) = try await URLSession.shared.data(from: URL(string: rig.baseURL + "/_emulator/batches/\(id)")!)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func items(_ record: [String: Any]) throws -> [[String: Any]] { try #require(record["items"] as? [[String: Any]]) }

    @Test func failedOnlyCarriesExactlyTheFailedRequestsWithTheirMetadataAndReferenceImages() async throws {
        let rig = try await InProcessChecker.start("resubmit")
        defer { Task { await rig.stop() } }
        let reference = rig.root.appendingPathComponent("refs/toad.png")
        try FileManager.default.createDirectory(at: reference.deletingLastPathComponent(), withIntermediateDirectories: true)
        let pixels = (0..<(12 * 8 * 3)).map { UInt8(($0 * 29) % 251) }
        try ImageEncoding.png(RasterImage(width: 12, height: 8, channels: 3, pixels: pixels)).write(to: reference)
        // `a toad` fails this time only (scripted); `a frog` is blocked by its prompt's marker every time.
        try await rig.control("/_emulator/script", ["prompt": "a toad", "outcomes": ["item-error"]])
        var requests = ["a heron", "a frog [emu:blocked]", "a toad", "a newt"].map(SubmissionRequest.init(prompt:))
        requests[1].aspectRatio = "16:9"
        requests[2].referenceImages = [reference.path]
        requests[2].title = "The toad"
        requests[2].imageSize = "large"
        var submission = JobSubmission(requests: requests, model: "gemini-3-pro-image")
        submission.webpQuality = 70
        let submitter = JobSubmitter(store: rig.store, client: rig.client, paths: rig.config.paths, clock: rig.clock.function)
        let submitted = try await submitter.submit(try submission.plan(config: rig.config, now: rig.clock.now))
        _ = try await rig.run()
        let original = try #require(try rig.store.job(id: submitted.id))
        #expect(original.status == .completed)
        let states = try rig.store.images(jobID: original.id).map { "\($0.requestKey)=\($0.state.rawValue)" }
        #expect(states == ["req_0=done", "req_1=failed", "req_2=failed", "req_3=done"])

        try await rig.control("/_emulator/script", ["prompt": "a toad", "outcomes": [String]()])
        let resubmission = try Resubmission.prepare(job: original, images: try rig.store.images(jobID: original.id), failedOnly: true)
        #expect(resubmission.keys == ["req_1", "req_2"])
        #expect(resubmission.detail == "2 of 4 requests (the failed ones): req_1, req_2")
        let plan = try resubmission.plan(config: rig.config, now: rig.clock.now)
        let followUp = try await resubmission.submit(plan, with: submitter, store: rig.store, now: rig.clock.now)
        #expect(followUp.id != original.id && followUp.id.hasPrefix("batches/"))

        // Exactly the two failed requests reached the service, with their keys and the toad's reference image.
        let sent = try await Self.record(rig, followUp.id)
        #expect(sent["requestCount"] as? Int == 2)
        #expect((sent["model"] as? String)?.hasSuffix("gemini-3-pro-image") == true)
        let sentItems = try Self.items(sent)
        #expect(sentItems.map { $0["key"] as? String } == ["req_1", "req_2"])
        #expect((sentItems[0]["referenceImages"] as? [Any])?.isEmpty == true)
        let received = try #require(sentItems[1]["referenceImages"] as? [[String: Any]])
        #expect(received.map { $0["sha256"] as? String } == [try SubmitParityTests.sha256(reference)])

        _ = try await rig.run()
        // The prompts travelled: the frog's marker blocked it again; the toad, no longer scripted, has its image.
        #expect(try Self.items(try await Self.record(rig, followUp.id)).map { $0["outcome"] as? String } == ["blocked", "image"])
        let newStates = try rig.store.images(jobID: followUp.id).map { "\($0.requestKey)=\($0.state.rawValue)" }
        #expect(newStates == ["req_1=failed", "req_2=done"])
        // Beside the old images, under its own name.
        let originals = try FileManager.default.contentsOfDirectory(atPath: rig.config.paths.originalFolder.path)
        #expect(originals.contains("req_0-\(ImageNaming.jobTag(original.id)).png"))
        #expect(originals.contains("req_2-\(ImageNaming.jobTag(followUp.id)).png"), "\(originals)")

        // The same metadata, keyed as in the original, naming it; history on both sides.
        let metadata = try #require(try rig.store.job(id: followUp.id)).requestMetadata
        #expect(metadata.resubmittedFrom == original.id)
        #expect(metadata.webpQuality == 70 && metadata.convertToWebP && metadata.model == "gemini-3-pro-image")
        let before = Dictionary(uniqueKeysWithValues: original.requestMetadata.requestEntries.map { ($0["key"]!.stringValue!, $0) })
        for entry in metadata.requestEntries {
            let key = try #require(entry["key"]?.stringValue)
            for field in ["prompt", "title", "description", "alternative_text", "caption", "aspect_ratio", "image_size",
                          "api_image_size", "reference_image_paths"] {
                #expect(entry[field] == before[key]?[field], "\(key).\(field)")
            }
        }
        #expect(metadata.requestEntries.map { $0["title"]?.stringValue } [1] == "The toad")
        #expect(try rig.store.followUps(of: original.id).map(\.id) == [followUp.id])
        #expect(try rig.store.events(jobID: original.id).contains { $0.kind == .resubmitted && $0.message?.contains(followUp.id) == true })
        #expect(try rig.store.events(jobID: followUp.id).contains { $0.kind == .resubmission && $0.message?.contains(original.id) == true })

        // The whole job again, to another model: all four requests; a second follow-up.
        let whole = try Resubmission.prepare(job: original, images: try rig.store.images(jobID: original.id), failedOnly: false,
                                             model: "gemini-3.1-flash-image")
        let wholeJob = try await whole.submit(try whole.plan(config: rig.config, now: rig.clock.now), with: submitter, store: rig.store)
        let wholeSent = try await Self.record(rig, wholeJob.id)
        #expect(wholeSent["requestCount"] as? Int == 4)
        #expect((wholeSent["model"] as? String)?.hasSuffix("gemini-3.1-flash-image") == true)
        #expect(try Self.items(wholeSent).map { $0["key"] as? String } == ["req_0", "req_1", "req_2", "req_3"])
        #expect(try rig.store.followUps(of: original.id).map(\.id) == [followUp.id, wholeJob.id])

        // A pending job is refused; so is --failed-only when nothing failed; a gone reference image names itself.
        #expect(throws: HousekeepingError.self) {
            try Resubmission.prepare(job: wholeJob, images: [], failedOnly: false)
        }
        let heron = try await submitter.submit(try JobSubmission(prompts: ["a heron alone"]).plan(config: rig.config))
        _ = try await rig.run()
        let done = try #require(try rig.store.job(id: heron.id))
        #expect(throws: HousekeepingError.invalidInput("job '\(heron.id)': every request produced its image, so --failed-only has nothing to resubmit")) {
            try Resubmission.prepare(job: done, images: try rig.store.images(jobID: heron.id), failedOnly: true)
        }
        try FileManager.default.removeItem(at: reference)
        let withoutReference = try Resubmission.prepare(job: original, images: try rig.store.images(jobID: original.id), failedOnly: true)
        #expect(throws: SubmitError.invalidInput("\(original.id) req_2: reference_images \"\(reference.path)\": \(reference.path): no such file")) {
            try withoutReference.plan(config: rig.config)
        }
    }

    @Test func aLegacyJobIsResubmittedFromItsTopLevelPrompt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-resubmit-legacy-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        var config = Config.defaults(home: folder.path)
        config.imagesRoot = folder
        config.defaultModel = "gemini-3-pro-image"
        let store = try JobStore(path: config.paths.database.path)
        _ = try store.importJobs([JobImport(id: "batches/legacy1", status: .failed, remoteState: "BATCH_STATE_FAILED",
                                            requestMetadataJSON: #"{"prompt":"a legacy frog","title":"Old frog","quality":"fast","image_size":"large","convert_to_webp":true,"webp_quality":90}"#)],
                                 dryRun: false)
        let job = try #require(try store.job(id: "legacy1"))
        let resubmission = try Resubmission.prepare(job: job, images: [], failedOnly: true)
        #expect(resubmission.keys == ["req_0"])
        let plan = try resubmission.plan(config: config)
        #expect(plan.model == "gemini-3.1-flash-image", "the quality word picks the model")
        #expect(plan.requests.map(\.prompt) == ["a legacy frog"])
        #expect(plan.requests.first?.imageSize == "2K", "the old tool's large")
        #expect(plan.metadata.title == "Old frog" && plan.metadata.webpQuality == 90 && plan.metadata.resubmittedFrom == "batches/legacy1")
    }
}
