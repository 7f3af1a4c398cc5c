import Digests
import Foundation
import ImageConversion
import JobStore
import MCP
import MCPServer
import Testing

/// The MCP tools through the SDK's client and server in this process: what a model lists and calls, the
/// answers as the CLI's `--json` objects, refusals as tool errors with the CLI's text, and claims shared with
/// a check run that holds a job.
@Suite struct MCPToolTests {
    static func png(seed: Int) throws -> Data {
        let pixels = (0..<(16 * 12 * 3)).map { UInt8(($0 * 31 + seed) % 251) }
        return Data(try ImageEncoding.png(RasterImage(width: 16, height: 12, channels: 3, pixels: pixels)))
    }

    @Test func theSixToolsAreListedWithSchemas() async throws {
        try await MCPHarness.with("list") { harness in
            let (tools, _) = try await harness.client.listTools()
            #expect(tools.map(\.name) == ToolName.allCases.map(\.rawValue))
            for tool in tools {
                let schema = try #require(tool.inputSchema.objectValue)
                #expect(schema["type"] == "object" && schema["additionalProperties"] == false, "\(tool.name)")
                #expect((tool.description ?? "").count > 60, "\(tool.name) says what it does")
            }
            let generate = try #require(tools.first { $0.name == "generate_image" }?.inputSchema.objectValue)
            #expect(generate["required"] == ["prompt"])
            let properties = try #require(generate["properties"]?.objectValue)
            #expect(Set(properties.keys) == ["prompt", "aspect_ratio", "image_size", "reference_images", "quality", "search_grounding",
                                             "thinking_level", "media_resolution", "title", "description", "alternative_text",
                                             "caption", "convert_to_webp", "webp_quality", "priority"])
            #expect(properties["aspect_ratio"]?.objectValue?["enum"]?.arrayValue?.contains("8:1") == true, "ratios from the catalogue")
        }
    }

    @Test func aQueuedImageWithAnInlineReferenceIsRetrievedWithItsMetadata() async throws {
        try await MCPHarness.with("retrieve") { harness in
            let reference = try Self.png(seed: 7)
            // A data URL string: the SDK hands it to the server as Value.data, the path a base64 image takes.
            let queued = try await harness.object("generate_image", [
                "prompt": "a frog on a lily pad", "quality": "fast", "image_size": "small", "title": "Lily",
                "reference_images": [.data(mimeType: "image/png", reference)],
            ])
            let id = try #require(queued["batch_job_id"] as? String)
            #expect(id.hasPrefix("batches/") && queued["status"] as? String == "pending")
            #expect(queued["model"] as? String == "gemini-3.1-flash-image" && queued["quality"] as? String == "fast")
            #expect((queued["estimated_cost_usd"] as? Double ?? 0) > 0 && queued["estimated_completion"] as? String == "24 hours")
            let kept = try #require((queued["reference_image_paths"] as? [String])?.first)
            #expect(kept.hasSuffix("/reference_images/\(SHA256.hex(of: reference)).png"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: kept)) == reference, "the data is kept for the metadata, byte for byte")
            let items = try #require(try await harness.batchRecord(id)["items"] as? [[String: Any]])
            let received = try #require(items.first?["referenceImages"] as? [[String: Any]])
            #expect(received.first?["sha256"] as? String == SHA256.hex(of: reference), "the emulator got the same bytes")

            var job: [String: Any] = [:]
            for _ in 0..<20 {
                job = try await harness.object("retrieve_batch_results", ["batch_job_id": .string(String(id.dropFirst("batches/".count)))])
                if job["status"] as? String != "pending" { break }
            }
            #expect(job["status"] as? String == "completed", "\(job["message"] ?? "-")")
            let images = try #require(job["images"] as? [[String: Any]])
            #expect(images.count == 1)
            let image = try #require(images.first)
            for key in ["original_path", "webp_path", "original_sidecar_path"] {
                let path = try #require(image[key] as? String, "\(key)")
                #expect(FileManager.default.fileExists(atPath: path), "\(key) exists")
            }
            let metadata = try #require(image["metadata"] as? [String: Any])
            #expect(metadata["title"] as? String == "Lily" && metadata["reference_images"] as? [String] == [kept])
            #expect((job["message"] as? String)?.contains("1 image(s) retrieved") == true, "\(job["message"] ?? "-")")

            // The same objects as the CLI: list_jobs rows, and the show object again without an API call.
            let rows = try #require(try await harness.json("list_jobs", ["status": "completed"]) as? [[String: Any]])
            #expect(rows.map { $0["id"] as? String } == [id] && rows.first?["images_done"] as? Int == 1)
            let gets = try await harness.stats().batches[id]?.gets
            let again = try await harness.object("retrieve_batch_results", ["batch_job_id": .string(id)])
            #expect((again["message"] as? String)?.hasPrefix("The job was completed earlier") == true)
            #expect(try await harness.stats().batches[id]?.gets == gets, "a completed job is answered without an API call")
        }
    }

    @Test func refusalsAreToolErrorsWithTheCLIsTextAndRecordNothing() async throws {
        try await MCPHarness.with("refusals") { harness in
            let missing = harness.root.appendingPathComponent("gone.png").path
            let cases: [([String: Value], String)] = [
                (["prompt": "x", "priority": "high"], "this server queues Gemini batch jobs only"),
                (["prompt": "x", "quality": "pro", "aspect_ratio": "1:8"], "generate_image: aspect_ratio \"1:8\": gemini-3-pro-image takes"),
                (["prompt": "x", "image_size": "huge"], "generate_image: image_size \"huge\""),
                (["prompt": "x", "reference_images": [.string(missing)]],
                 "generate_image: reference_images \"\(missing)\": \(missing): no such file"),
                (["prompt": "x", "reference_images": [["data": "aGVsbG8gd29ybGQ="]]],
                 "generate_image: reference_images[0]: not a PNG, JPEG, WebP or HEIC/HEIF image"),
                (["prompt": "x", "webp_quality": 101], "generate_image: \"webp_quality\" must be a whole number, 0-100"),
                (["prompt": "x", "search_grounding": "yes"], "generate_image: \"search_grounding\" must be true or false"),
                (["prompt": "x", "provider": "openai"], "generate_image: unknown argument \"provider\""),
                (["prompt": "  "], "generate_image: \"prompt\" is required"),
            ]
            for (arguments, expected) in cases {
                let answer = try await harness.call("generate_image", arguments)
                #expect(answer.isError && answer.text.contains(expected), "\(arguments): \(answer.text)")
            }
            let unknownJob = try await harness.call("cancel_job", ["batch_job_id": "batches/none"])
            #expect(unknownJob.isError && unknownJob.text == "no job with id 'batches/none'")
            let badStatus = try await harness.call("list_jobs", ["status": "done"])
            #expect(badStatus.isError && badStatus.text.contains("takes pending, completed, failed, cancelled, expired"))
            await #expect(throws: MCPError.self, "an unknown tool is a protocol error") { _ = try await harness.call("run_batch") }
            #expect(try harness.store.jobs().isEmpty, "nothing was recorded")
            #expect(try await harness.stats().batches.isEmpty, "nothing was sent")
        }
    }

    @Test func aMissingKeyIsAToolErrorAfterTheValuesAreChecked() async throws {
        try await MCPHarness.with("no-key", withKey: false) { harness in
            let bad = try await harness.call("generate_image", ["prompt": "a frog", "aspect_ratio": "5:7"])
            #expect(bad.isError && bad.text.contains("aspect_ratio \"5:7\""), "values first: \(bad.text)")
            let answer = try await harness.call("generate_image", ["prompt": "a frog"])
            #expect(answer.isError && answer.text.hasPrefix("GEMINI_API_KEY is not set"), "\(answer.text)")
            #expect(try harness.store.jobs().isEmpty)
        }
    }

    @Test func aJobAnotherCheckRunHoldsIsLeftToIt() async throws {
        try await MCPHarness.with("claimed") { harness in
            let id = try #require(try await harness.object("generate_image", ["prompt": "a heron"])["batch_job_id"] as? String)
            // The scheduled check claimed it a moment ago and is still working on it.
            let claims = try harness.store.claimDueJobs(owner: "cron:4242", limit: 10, leaseSeconds: 600, onlyID: id)
            #expect(claims.count == 1)
            let answer = try await harness.object("retrieve_batch_results", ["batch_job_id": .string(id)])
            #expect(answer["status"] as? String == "pending" && (answer["images"] as? [Any])?.isEmpty == true)
            #expect((answer["message"] as? String)?.contains("Another check run") == true, "\(answer["message"] ?? "-")")
            let job = try #require(try harness.store.job(id: id))
            #expect(job.leaseOwner == "cron:4242" && job.fencingToken == claims[0].token, "the holder's lease is untouched")
            #expect(try await harness.stats().batches[id]?.gets ?? 0 == 0, "and the API was not asked")

            // retry_job and cancel_job are the operator's: they take the job from the holder, as the CLI's do.
            let retried = try await harness.object("retry_job", ["batch_job_id": .string(id)])
            #expect(retried["status"] as? String == "pending")
            #expect((retried["message"] as? String)?.contains("pending -> pending, due now") == true)
            let cancelled = try await harness.object("cancel_job", ["batch_job_id": .string(id)])
            #expect(cancelled["status"] as? String == "cancelled")
            #expect(try await harness.stats().batches[id]?.cancels == 1, "the batch was cancelled on the API")
            let status = try await harness.object("check_batch_status", ["batch_job_id": .string(id)])
            #expect(status["status"] as? String == "cancelled" && (status["history"] as? [Any])?.isEmpty == false)
            let twice = try await harness.call("cancel_job", ["batch_job_id": .string(id)])
            #expect(twice.isError && twice.text == "job '\(id)' is cancelled; only a pending job can be cancelled")
        }
    }
}
