import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import JobStore
import OrderedJSON
import Testing
import TestSupport

/// `submit` against the `pfc-jobs emulator` process: values the model catalogue refuses stop it with exit 2
/// before any request or database write; a create the service answers with 404 leaves a failed job with the
/// service's message, never a pending one.
@Suite struct SubmitValidationTests {
    /// One accepted submit first (so the database exists), then the refused ones: the emulator's request
    /// count and the database stay exactly as the accepted one left them.
    @Test func refusedValuesStopBeforeTheAPIAndRecordNothing() async throws {
        try await withCheckerSetup("submit-refused") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let accepted = try await workspace.run(["submit", "--prompt", "a heron", "--image-size", "large"])
            #expect(accepted.status == 0, "\(accepted.summary)")
            let requestsBefore = try await emulator.stats().totalRequests
            let jobsBefore = try workspace.openStore().jobs().map(\.job)

            let refusals: [(arguments: [String], message: String)] = [
                (["--model", "gemini-3-pro-image-preview"], "--model gemini-3-pro-image-preview: gemini-3-pro-image-preview was shut down on 2026-06-25; use gemini-3-pro-image"),
                (["--model", "models/gemini-2.5-flash-image"], "use gemini-3.1-flash-image"),
                (["--image-size", "512"], "--image-size 512: gemini-3-pro-image takes 1K, 2K, 4K"),
                (["--image-size", "8K"], "--image-size 8K: the option takes 512, 1K, 2K, 4K or small, medium, large, xlarge"),
                (["--aspect-ratio", "1:8"], "--aspect-ratio 1:8: gemini-3-pro-image takes 1:1, 2:3, 3:2, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9"),
                (["--model", "gemini-3.1-flash-lite-image", "--image-size", "xlarge"],
                 "--image-size xlarge: gemini-3.1-flash-lite-image makes 1K images only and takes no image size"),
            ]
            for refusal in refusals {
                let run = try await workspace.run(["submit", "--prompt", "a heron"] + refusal.arguments)
                #expect(run.status == 2, "\(run.summary)")
                #expect(run.stderr.contains(refusal.message), "\(refusal.arguments): \(run.stderr)")
                #expect(run.stdout.isEmpty)
            }
            #expect(try await emulator.stats().totalRequests == requestsBefore, "no request for a refused submit")
            #expect(try workspace.openStore().jobs().map(\.job) == jobsBefore, "nothing recorded")
        }
    }

    @Test func aConfigNamingARetiredModelIsRefusedNamingTheFileAndReplacementButModelStillWorks() async throws {
        try await withCheckerSetup("submit-retired-config") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator, ["default_model": "gemini-3-pro-image-preview"])
            let refused = try await workspace.run(["submit", "--prompt", "a heron"])
            #expect(refused.status == 2, "\(refused.summary)")
            #expect(refused.stderr.contains("\(workspace.configFile.path): \"default_model\": gemini-3-pro-image-preview was shut down"),
                    "\(refused.stderr)")
            #expect(refused.stderr.contains("use gemini-3-pro-image"))
            #expect(try await emulator.stats().totalRequests == 0)

            let named = try await workspace.run(["submit", "--prompt", "a heron", "--model", "gemini-3-pro-image"])
            #expect(named.status == 0, "--model wins over the retired default: \(named.summary)")
            let check = try await workspace.run(["check"])
            #expect(check.status == 0, "check does not use default_model and keeps working: \(check.summary)")
        }
    }

    @Test func aCreateAnsweredWith404LeavesAFailedJobWithTheServicesMessage() async throws {
        try await withCheckerSetup("submit-404") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let run = try await workspace.run(["submit", "--prompt", "a heron", "--model", "gemini-9-imaginary-image"])
            #expect(run.status == 1, "\(run.summary)")
            #expect(run.stderr.contains("not in pfc-jobs' catalogue"), "an unknown model is sent, with a warning: \(run.stderr)")
            #expect(run.stderr.contains("404"), "\(run.stderr)")
            let jobs = try workspace.openStore().jobs().map(\.job)
            #expect(jobs.count == 1)
            let job = try #require(jobs.first)
            #expect(job.status == .failed, "no pending job is left behind")
            #expect(job.isUnboundIntent)
            #expect(job.lastError?.contains("gemini-9-imaginary-image is not found") == true, "\(job.lastError ?? "-")")
            #expect(try await emulator.stats().totalRequests == 1, "one create, not retried")

            let check = try await workspace.run(["check"])
            #expect(check.status == 0)
            #expect(try workspace.openStore().job(id: job.id)?.status == .failed, "the checker leaves it alone")
        }
    }

    /// The old tool's size words, checked by the service itself: the emulator applies the per-model rules
    /// (512 only on gemini-3.1-flash-image; no imageSize at all on gemini-3.1-flash-lite-image).
    @Test func sizeWordsReachTheServiceAsTheModelTakesThem() async throws {
        try await withCheckerSetup("submit-sizes") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let cases: [(arguments: [String], model: String, size: String)] = [
                (["--image-size", "xlarge"], "gemini-3-pro-image", "xlarge"),
                (["--model", "gemini-3.1-flash-image", "--image-size", "512", "--aspect-ratio", "8:1"], "gemini-3.1-flash-image", "512"),
                (["--model", "gemini-3.1-flash-lite-image", "--image-size", "small"], "gemini-3.1-flash-lite-image", "small"),
            ]
            for item in cases {
                let run = try await workspace.run(["submit", "--prompt", "a heron", "--json"] + item.arguments)
                #expect(run.status == 0, "\(item.arguments): \(run.summary)")
                let id = try #require(try JSONValue.parse(Data(run.stdout.utf8))["id"]?.stringValue)
                let record = try await emulator.batchRecord(id)
                #expect((record["model"] as? String).map { $0.hasSuffix(item.model) } == true, "\(record)")
                let metadata = try workspace.jsonObject(at: workspace.batchMetadataFolder.appendingPathComponent(id + ".json"))
                #expect(metadata["image_size"] as? String == item.size, "the size as given is recorded: \(metadata)")
                #expect(metadata["model"] as? String == item.model)
            }
            let plain = try await workspace.run(["submit", "--prompt", "a plain heron", "--json"])
            let plainID = try #require(try JSONValue.parse(Data(plain.stdout.utf8))["id"]?.stringValue)
            let plainMetadata = try workspace.jsonObject(at: workspace.batchMetadataFolder.appendingPathComponent(plainID + ".json"))
            #expect(plainMetadata["image_size"] as? String == "1K", "no size given: the API default is recorded, not \"large\"")
        }
    }
}

extension EmulatorProcess {
    /// `GET /_emulator/batches/{id}`: what the emulator received and answered for one batch.
    func batchRecord(_ name: String) async throws -> [String: Any] {
        let id = name.hasPrefix("batches/") ? String(name.dropFirst("batches/".count)) : name
        let (data, response) = try await URLSession.shared.data(from: URL(string: baseURL + "/_emulator/batches/\(id)")!)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw HarnessError.failed("GET /_emulator/batches/\(id): \(String(decoding: data, as: UTF8.self))")
        }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
