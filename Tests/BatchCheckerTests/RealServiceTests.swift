import Foundation
import Testing
import BatchChecker
import Digests
import GeminiBatch
import JobStore
import LegacyFormat
import ModelCatalogue

/// The real service's behaviours (shared/gemini-batch-api.md section 12) met by the checker in this process
/// against the emulator, which shows each of them by default or behind a prompt marker.
@Suite struct RealServiceTests {
    /// sha256 hex of every inlineData part of a batch's first item, as the service sent it, split into thoughts
    /// and final images.
    static func partDigests(_ rig: InProcessChecker, _ batch: String) async throws -> (drafts: [String], finals: [String]) {
        let body = try await rig.rawGet("/v1beta/\(batch)")
        let response = (body["response"] as? [String: Any])?["inlinedResponses"] as? [String: Any]
        let items = response?["inlinedResponses"] as? [[String: Any]] ?? []
        var drafts: [String] = [], finals: [String] = []
        for item in items {
            let candidates = (item["response"] as? [String: Any])?["candidates"] as? [[String: Any]] ?? []
            for part in (candidates.first?["content"] as? [String: Any])?["parts"] as? [[String: Any]] ?? [] {
                guard let inline = part["inlineData"] as? [String: Any], let text = inline["data"] as? String,
                      let data = Data(base64Encoded: text) else { continue }
                let digest = SHA256.hex(of: data)
                if part["thought"] as? Bool == true { drafts.append(digest) } else { finals.append(digest) }
            }
        }
        return (drafts, finals)
    }

    @Test func theSavedImageIsTheFinalOneNeverADraft() async throws {
        let rig = try await InProcessChecker.start("final")
        defer { Task { await rig.stop() } }
        let batch = try await rig.submit(["a lighthouse at dawn [emu:two-drafts]"])
        _ = try await rig.run()
        let (drafts, finals) = try await Self.partDigests(rig, batch)
        #expect(drafts.count == 2)
        #expect(finals.count == 1)
        let images = try rig.store.images(jobID: batch)
        #expect(images.map(\.sha256) == finals)
        // Bytes on disk, hashed here, match the final part and no draft.
        let onDisk = try Data(contentsOf: URL(fileURLWithPath: try #require(images.first?.originalPath)))
        #expect(SHA256.hex(of: onDisk) == finals.first)
        #expect(!drafts.contains(SHA256.hex(of: onDisk)))
        #expect(try rig.store.job(id: batch)?.status == .completed)
        // The actual cost is the item's token counts (as the service reported them) at batch prices.
        let body = try await rig.rawGet("/v1beta/\(batch)")
        let item = (((body["response"] as? [String: Any])?["inlinedResponses"] as? [String: Any])?["inlinedResponses"] as? [[String: Any]])?.first
        let usage = try #require((item?["response"] as? [String: Any])?["usageMetadata"] as? [String: Any])
        func tokens(_ name: String) -> Int { (usage[name] as? Int) ?? Int(usage[name] as? String ?? "") ?? 0 }
        let expected = try #require(PriceTable.standard.actualCost(model: "gemini-3-pro-image", promptTokens: tokens("promptTokenCount"),
                                                                   candidatesTokens: tokens("candidatesTokenCount"),
                                                                   thoughtsTokens: tokens("thoughtsTokenCount")))
        #expect(expected > 0)
        #expect(try rig.store.job(id: batch)?.requestMetadata.actualCostUSD == expected)
        // The batch answer streamed to disk is gone with the retrieval.
        #expect(try FileManager.default.contentsOfDirectory(atPath: rig.config.paths.downloadFolder.path).isEmpty)
    }

    @Test func twoFinalImagesInOneResponseGetAFileEach() async throws {
        let rig = try await InProcessChecker.start("two")
        defer { Task { await rig.stop() } }
        let batch = try await rig.submit(["two views of a harbour [emu:two-images]"])
        _ = try await rig.run()
        let (_, finals) = try await Self.partDigests(rig, batch)
        let images = try rig.store.images(jobID: batch)
        #expect(images.count == 2)
        #expect(Set(images.compactMap(\.sha256)) == Set(finals))
        #expect(Set(images.map(\.requestKey)) == ["req_0", "req_0_2"])
    }

    @Test func aMislabelledJPEGLandsAsJPG() async throws {
        let rig = try await InProcessChecker.start("mislabelled")
        defer { Task { await rig.stop() } }
        let batch = try await rig.submit(["a fox [emu:mislabelled-jpeg]"])
        _ = try await rig.run()
        let image = try #require(try rig.store.images(jobID: batch).first)
        #expect(image.originalPath?.hasSuffix(".jpg") == true)
        #expect(image.mimeType == "image/jpeg")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: try #require(image.originalPath)))
        #expect(bytes.starts(with: [0xFF, 0xD8, 0xFF]))
    }

    @Test func succeededWithoutOutputIsNotReadyYetAndCountsNoAttempt() async throws {
        let rig = try await InProcessChecker.start("lag")
        defer { Task { await rig.stop() } }
        let batch = try await rig.submit(["a slow painter [emu:output-lag-12]"])
        var pendingChecks = 0
        for _ in 0..<20 {
            _ = try await rig.run()
            let job = try #require(try rig.store.job(id: batch))
            if job.status == .completed { break }
            #expect(job.status == .pending)
            #expect(job.attempts == 0)
            #expect(job.lastError == nil)
            if job.remoteState == "BATCH_STATE_SUCCEEDED" { pendingChecks += 1 }
            rig.clock.advance(by: 61)
        }
        #expect(pendingChecks >= 11)
        #expect(try rig.store.job(id: batch)?.status == .completed)
        #expect(try rig.store.images(jobID: batch).count == 1)
    }

    @Test func statusLinesOfAResponsesFileKeepTheirMessage() async throws {
        let rig = try await InProcessChecker.start("status")
        defer { Task { await rig.stop() } }
        let batch = try await rig.submit(["fine [emu:responses-file]", "refused [emu:responses-file] [emu:item-error] [emu:status-line]"])
        _ = try await rig.run()
        let images = try rig.store.images(jobID: batch).sorted { $0.requestKey < $1.requestKey }
        #expect(images.map(\.state) == [.done, .failed])
        #expect(images.last?.error?.contains("scripted item error") == true)
        #expect(images.last?.error?.contains("neither response nor error") == false)
    }

    @Test func aKeyQuotedByTheServiceReachesNoRowAndNoLogLine() async throws {
        let rig = try await InProcessChecker.start("quote")
        defer { Task { await rig.stop() } }
        let batch = try await rig.submit(["show me the key [emu:quote-key]", "a normal one"])
        let log = LogLines()
        _ = try await rig.checker(logger: log.logger).run()
        #expect(try rig.store.images(jobID: batch).contains { $0.state == .failed })
        let dump = try SQLiteDump.allText(rig.config.paths.database.path)
        #expect(!dump.contains(InProcessChecker.key))
        #expect(dump.contains("<redacted>"))
        #expect(!log.text.contains(InProcessChecker.key))
    }

    @Test func controlCharactersFromTheServiceAreEscapedBeforeStorage() async throws {
        let rig = try await InProcessChecker.start("control")
        defer { Task { await rig.stop() } }
        let batch = try await rig.submit(["noisy [emu:control-chars]"])
        let log = LogLines()
        _ = try await rig.checker(logger: log.logger).run()
        let images = try rig.store.images(jobID: batch)
        #expect(!images.isEmpty)
        let dump = try SQLiteDump.allText(rig.config.paths.database.path)
        for control: UInt8 in [0x1B, 0x07, 0x0D] {
            #expect(!dump.utf8.contains(control), "raw control byte \(control) stored")
            #expect(!log.text.utf8.contains(control), "raw control byte \(control) logged")
        }
    }

    @Test func anOversizedStatusAnswerLeavesTheJobPendingWithAClearError() async throws {
        let rig = try await InProcessChecker.start("padding", config: { $0.maxAnswerBytes = 1 << 20 })
        defer { Task { await rig.stop() } }
        // Not finished, so nothing in it can be an image: 20 MB of padding is no answer we need.
        let batch = try await rig.submit(["slow [emu:status-padding-20000000]"])
        try await rig.control("/_emulator/config", ["pollsUntilDone": 1000])
        _ = try await rig.run()
        let job = try #require(try rig.store.job(id: batch))
        #expect(job.status == .pending)
        #expect(job.attempts == 1)
        #expect(job.lastError?.contains("larger than 1048576 bytes") == true, "\(job.lastError ?? "no error")")
        #expect(try FileManager.default.contentsOfDirectory(atPath: rig.config.paths.downloadFolder.path).isEmpty)
    }

    @Test(.timeLimit(.minutes(1)))
    func anAPIThatNeverAnswersEndsTheRunAfterOneGroup() async throws {
        let rig = try await InProcessChecker.start("hang", config: { $0.apiStallSeconds = 1; $0.maxConcurrentRequests = 2 })
        defer { Task { await rig.stop() } }
        var batches: [String] = []
        for index in 0..<6 { batches.append(try await rig.submit(["stuck \(index) [emu:hang]"])) }
        let report = try await rig.run()
        #expect(report.claimed == 6)
        let jobs = try batches.map { try #require(try rig.store.job(id: $0)) }
        #expect(jobs.allSatisfy { $0.status == .pending && $0.leaseOwner == nil })
        // Only the first group was waited for; the others were given back untouched.
        #expect(jobs.filter { $0.attempts == 1 }.count == 2)
        #expect(jobs.filter { $0.attempts == 0 }.count == 4)
    }
}
