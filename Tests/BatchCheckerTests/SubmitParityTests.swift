import Foundation
import ImageConversion
import JobStore
import OrderedJSON
import Testing
import TestSupport

/// `submit` with what the old tool's users submitted: reference images, quality and size words, thinking,
/// search grounding, media resolution, metadata defaults and the cost estimate; against the `pfc-jobs emulator`
/// process, which records the digest of every `inlineData` part it received.
@Suite struct SubmitParityTests {
    /// A PNG, a JPEG, a WebP (real encoders) and a HEIC (an ISO-BMFF `ftyp heic` header: its bytes are all that is
    /// sniffed and sent), written into the workspace.
    static func referenceImages(in folder: URL) throws -> [(file: URL, mimeType: String)] {
        let pixels = (0..<(24 * 16 * 3)).map { UInt8(($0 * 37) % 251) }
        let image = RasterImage(width: 24, height: 16, channels: 3, pixels: pixels)
        var heic = Data([0, 0, 0, 24]) + Data("ftypheic".utf8) + Data([0, 0, 0, 0]) + Data("mif1heic".utf8)
        heic += Data((0..<300).map { UInt8($0 % 256) })
        let files: [(String, Data, String)] = [
            ("frog.png", try ImageEncoding.png(image), "image/png"),
            ("frog photo.jpg", try ImageEncoding.jpeg(image, quality: 80, progressive: false), "image/jpeg"),
            ("frog.webp", try WebPEncoder.encode(image, quality: 80), "image/webp"),
            ("frog.heic", heic, "image/heic"),
        ]
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try files.map { name, data, mimeType in
            let url = folder.appendingPathComponent(name)
            try data.write(to: url)
            return (url, mimeType)
        }
    }

    /// SHA-256 by coreutils' `sha256sum`, an implementation independent of the emulator's.
    static func sha256(_ file: URL) throws -> String {
        let text = try ProgramRun.run("/usr/bin/sha256sum", [file.path]).output
        return String(text.prefix { !$0.isWhitespace })
    }

    static func id(of run: CommandRun) throws -> String {
        try #require(try JSONValue.parse(Data(run.stdout.utf8))["id"]?.stringValue, "\(run.summary)")
    }

    @Test func referenceImagesReachTheServiceByteForByteBeforeThePrompt() async throws {
        try await withCheckerSetup("submit-references") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let images = try Self.referenceImages(in: workspace.root.appendingPathComponent("refs"))
            // One request by flags with three images; one from a prompts file naming the fourth relative to the file.
            let promptsFile = workspace.root.appendingPathComponent("refs/prompts.jsonl")
            try Data(#"{"prompt": "the frog as a statue", "reference_images": "frog.heic", "quality": "pro"}"#.utf8 + [10]).write(to: promptsFile)
            var arguments = ["submit", "--json", "--prompt", "the same frog, wearing a hat", "--prompts-file", promptsFile.path]
            for image in images.prefix(3) { arguments += ["--reference", image.file.path] }
            let run = try await workspace.run(arguments)
            #expect(run.status == 0, "\(run.summary)")
            let id = try Self.id(of: run)

            let items = try #require(try await emulator.batchRecord(id)["items"] as? [[String: Any]])
            #expect(items.count == 2)
            let expected = [Array(images.prefix(3)), [images[3]]]
            for (item, sent) in zip(items, expected) {
                let received = try #require(item["referenceImages"] as? [[String: Any]])
                #expect(received.count == sent.count)
                for (index, (got, image)) in zip(received, sent).enumerated() {
                    #expect(got["sha256"] as? String == (try Self.sha256(image.file)), "\(image.file.lastPathComponent) arrived unchanged")
                    #expect(got["mimeType"] as? String == image.mimeType, "the type from the bytes")
                    #expect(got["part"] as? Int == index, "images come before the prompt text")
                }
            }
            let metadata = try workspace.jsonObject(at: workspace.batchMetadataFolder.appendingPathComponent(id + ".json"))
            #expect(metadata["reference_image_paths"] as? [String] == images.prefix(3).map(\.file.standardizedFileURL.path))
            let requests = try #require(metadata["requests"] as? [[String: Any]])
            #expect(requests[1]["reference_image_paths"] as? [String] == [images[3].file.standardizedFileURL.path])
        }
    }

    @Test func qualityWordsPickTheModelAndModelWins() async throws {
        try await withCheckerSetup("submit-quality") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let cases: [(arguments: [String], model: String, warning: String?)] = [
                (["--quality", "fast", "--image-size", "512"], "gemini-3.1-flash-image", nil),
                (["--quality", "pro", "--image-size", "xlarge"], "gemini-3-pro-image", nil),
                (["--quality", "fast", "--model", "gemini-3-pro-image"], "gemini-3-pro-image", "--model gemini-3-pro-image wins over quality fast"),
            ]
            for item in cases {
                let run = try await workspace.run(["submit", "--json", "--prompt", "a heron"] + item.arguments)
                #expect(run.status == 0, "\(item.arguments): \(run.summary)")
                let record = try await emulator.batchRecord(try Self.id(of: run))
                #expect((record["model"] as? String)?.hasSuffix(item.model) == true, "\(item.arguments): \(record["model"] ?? "-")")
                if let warning = item.warning { #expect(run.stderr.contains(warning), "\(run.stderr)") }
            }
            let lines = workspace.root.appendingPathComponent("fast.jsonl")
            try Data("{\"prompt\": \"a fast heron\", \"quality\": \"fast\", \"image_size\": \"xlarge\"}\n\"a plain heron\"\n".utf8).write(to: lines)
            let fromFile = try await workspace.run(["submit", "--json", "--prompts-file", lines.path])
            #expect(fromFile.status == 0, "\(fromFile.summary)")
            let record = try await emulator.batchRecord(try Self.id(of: fromFile))
            #expect((record["model"] as? String)?.hasSuffix("gemini-3.1-flash-image") == true)
        }
    }

    @Test func invalidCombinationsAreRefusedBeforeAnyCall() async throws {
        try await withCheckerSetup("submit-invalid") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let images = try Self.referenceImages(in: workspace.root.appendingPathComponent("refs"))
            let notes = workspace.root.appendingPathComponent("refs/notes.txt")
            try Data("not an image".utf8).write(to: notes)
            let lite = ["--model", "gemini-3.1-flash-lite-image"]
            var written = 0
            /// A prompts file of its own for each case: `lines-N.jsonl`.
            func file(_ text: String) throws -> [String] {
                written += 1
                let url = workspace.root.appendingPathComponent("lines-\(written).jsonl")
                try Data(text.utf8).write(to: url)
                return ["--prompts-file", url.path]
            }
            func lines(_ number: Int) -> String { workspace.root.appendingPathComponent("lines-\(number).jsonl").path }
            let refusals: [(arguments: [String], message: String)] = [
                (lite + ["--thinking-level", "high"], "--thinking-level high: gemini-3.1-flash-lite-image takes no thinking level"),
                (lite + ["--search-grounding"], "--search-grounding true: gemini-3.1-flash-lite-image takes no search grounding"),
                (["--thinking-level", "extreme"], "--thinking-level extreme: the option takes minimal, low, medium, high"),
                (["--media-resolution", "ultra"], "--media-resolution ultra: the option takes low, medium, high"),
                (["--quality", "best"], "--quality best: the option takes pro (gemini-3-pro-image) or fast (gemini-3.1-flash-image)"),
                (["--reference", "refs/missing.png"], "--reference refs/missing.png: \(workspace.root.path)/refs/missing.png: no such file"),
                (["--reference", notes.path], "not a PNG, JPEG, WebP or HEIC/HEIF image"),
                (Array(repeating: ["--reference", images[0].file.path], count: 15).flatMap { $0 },
                 "--reference 15 images: gemini-3-pro-image takes at most 14 reference images per request"),
                (try file("\"a heron\"\n{\"prompt\": \"a tall heron\", \"aspect_ratio\": \"1:8\"}\n"),
                 "\(lines(1)):2: aspect_ratio \"1:8\": gemini-3-pro-image takes 1:1"),
                (try file("{\"prompt\": \"a heron\", \"aspect-ratio\": \"16:9\"}\n"), "\(lines(2)):1: unknown field \"aspect-ratio\""),
                (try file("{\"prompt\": \"a heron\", \"reference_images\": [\"refs/none.png\"]}\n"),
                 "\(lines(3)):1: reference_images \"refs/none.png\": \(workspace.root.path)/refs/none.png: no such file"),
                (try file("{\"prompt\": \"a heron\", \"quality\": \"pro\"}\n{\"prompt\": \"a heron\", \"quality\": \"fast\"}\n"),
                 "one batch goes to one model, but the requests ask for quality fast (gemini-3.1-flash-image) and pro (gemini-3-pro-image)"),
            ]
            for refusal in refusals {
                let run = try await workspace.run(["submit", "--prompt", "a heron"] + refusal.arguments)
                #expect(run.status == 2, "\(refusal.arguments.prefix(4)): \(run.summary)")
                #expect(run.stderr.contains(refusal.message), "\(refusal.arguments.prefix(4)): \(run.stderr)")
            }
            #expect(try await emulator.stats().totalRequests == 0, "no refused submit reached the API")
            #expect(!FileManager.default.fileExists(atPath: workspace.databasePath), "nothing recorded: not even a database")
        }
    }

    @Test func theEstimateAndTheOldToolsMetadataAreRecordedAtSubmit() async throws {
        try await withCheckerSetup("submit-cost") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let prompt = "A frog reading a newspaper"   // 26 bytes: 7 estimated tokens
            let run = try await workspace.run(["submit", "--prompt", prompt])
            #expect(run.status == 0, "\(run.summary)")
            let id = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(run.stderr.contains("estimated cost: $0.0672 for 1 image on gemini-3-pro-image (batch prices of 2026-12-01)"), "\(run.stderr)")

            // 7 x $1 + 1120 x $60 per 1M (batch) = $0.067207.
            let metadata = try workspace.jsonObject(at: workspace.batchMetadataFolder.appendingPathComponent(id + ".json"))
            for key in ["batch_job_id", "submitted_at", "prompt", "title", "description", "alternative_text", "caption", "provider",
                        "quality", "aspect_ratio", "image_size", "reference_image_paths", "cost", "convert_to_webp", "webp_quality"] {
                #expect(metadata[key] != nil, "the old tool's key \(key)")
            }
            #expect(metadata["cost"] as? Double == 0.067207 && metadata["estimated_cost_usd"] as? Double == 0.067207)
            #expect(metadata["price_table_as_of"] as? String == "2026-12-01")
            let title = try #require(metadata["title"] as? String)
            #expect(title.wholeMatch(of: /AI-generated image - \d{4}-\d{2}-\d{2} \d{2}:\d{2}/) != nil, "\(title)")
            #expect(metadata["caption"] as? String == title)
            #expect(metadata["description"] as? String == prompt)
            #expect(metadata["alternative_text"] as? String == "AI-generated image: " + prompt)
            #expect(metadata["quality"] as? String == "pro" && metadata["image_size"] as? String == "1K")

            let listed = try await workspace.run(["list", "--json"])
            let jobs = try JSONValue.parse(Data(listed.stdout.utf8)).arrayValue ?? []
            let job = try #require(jobs.first { $0["id"]?.stringValue == id })
            #expect(job["estimated_cost_usd"]?.numberValue?.doubleValue == 0.067207, "\(job)")
            #expect(job["actual_cost_usd"]?.isNull == true, "not retrieved yet")

            // Two requests, one 4K with two references, one grounded: each its own cost, the job their sum.
            let long = String(repeating: "é", count: 250)
            _ = try Self.referenceImages(in: workspace.root.appendingPathComponent("refs"))
            let lines = workspace.root.appendingPathComponent("two.jsonl")
            try Data("""
                {"prompt": "A frog reading a newspaper", "image_size": "xlarge", "reference_images": ["refs/frog.png", "refs/frog.webp"]}
                {"prompt": "\(long)", "search_grounding": true, "title": "Grounded"}

                """.utf8).write(to: lines)
            let two = try await workspace.run(["submit", "--json", "--prompts-file", lines.path])
            #expect(two.status == 0, "\(two.summary)")
            let twoMetadata = try workspace.jsonObject(at: workspace.batchMetadataFolder.appendingPathComponent(try Self.id(of: two) + ".json"))
            let requests = try #require(twoMetadata["requests"] as? [[String: Any]])
            // (7 + 2 x 560) x $1 + 2000 x $60 = $0.121127; 500 bytes = 125 tokens: 125 x $1 + 1120 x $60 + $0.014 = $0.081325.
            #expect(requests[0]["cost"] as? Double == 0.121127 && requests[0]["image_size"] as? String == "xlarge")
            #expect(requests[1]["cost"] as? Double == 0.081325)
            #expect(twoMetadata["estimated_cost_usd"] as? Double == 0.202452)
            #expect(requests[1]["description"] as? String == String(repeating: "é", count: 200), "the prompt's first 200 characters")
            #expect(requests[1]["alternative_text"] as? String == "AI-generated image: " + String(repeating: "é", count: 100))
            #expect(requests[1]["caption"] as? String == "Grounded")
            #expect(requests[1]["search_grounding"] as? Bool == true)

            // Retrieved: the sidecar carries the cost, as the old tool's did.
            var sidecars: [String] = []
            for _ in 0..<10 where sidecars.count < 3 {
                let check = try await workspace.run(["check"])
                #expect(check.status == 0, "\(check.summary)")
                sidecars = workspace.files(in: workspace.jsonFolder).filter { $0.hasSuffix(".png.json") || $0.hasSuffix(".jpg.json") }
            }
            let costs = try sidecars.map { try workspace.jsonObject(at: workspace.jsonFolder.appendingPathComponent($0))["cost"] as? Double }
            #expect(costs.contains(0.067207), "\(sidecars): \(costs)")
        }
    }
}
