import Foundation
import Testing
import TestSupport
import JobStore

/// Users keep their old files, and older tools keep appending to the tracking file (read, add a key,
/// write back in place, no lock) while cron runs the checker.
@Suite struct LegacyTests {
    static func realLookingID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return "batches/" + String((0..<36).map { _ in alphabet.randomElement()! })
    }

    static func legacyRequest(_ number: Int, references: [String] = []) -> [String: Any] {
        ["submitted_at": "2026-02-07T21:00:00.123456", "prompt": "Legacy prompt \(number)", "title": "Title \(number)",
         "description": "Description \(number)", "alternative_text": "AI-generated image: legacy \(number)",
         "caption": "Caption \(number)", "provider": "gemini", "quality": "pro", "aspect_ratio": "16:9",
         "image_size": "large", "reference_image_paths": references, "cost": 0.0195, "convert_to_webp": true,
         "webp_quality": 80]
    }

    /// The old tools' way of adding a job: request file first, then read-add-write the tracking file in place.
    static let appender = """
    import json, sys, time, os
    tracking, metadata_folder, ids = sys.argv[1], sys.argv[2], sys.argv[3:]
    for number, job_id in enumerate(ids):
        request = {"batch_job_id": job_id, "submitted_at": "2026-03-01T12:00:00", "prompt": "Appended prompt %d" % number,
                   "title": "Appended %d" % number, "convert_to_webp": True, "webp_quality": 70}
        path = os.path.join(metadata_folder, job_id + ".json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump(request, f, indent=2)
        while True:
            try:
                with open(tracking) as f:
                    data = json.load(f)
                break
            except (json.JSONDecodeError, FileNotFoundError):
                continue  # caught the file mid-write; read again
        data[job_id] = {"batch_job_id": job_id, "status": "pending", "submitted_at": "2026-03-01T12:00:00",
                        "last_checked": None, "completed_at": None, "retrieved": False, "check_count": 0}
        with open(tracking, "w") as f:
            json.dump(data, f, indent=2)
        time.sleep(0.02 + 0.01 * (number % 5))
    """

    @Test func legacyFilesAreImportedRetrievedAndAppendedEntriesAreNeverLost() async throws {
        try await withCheckerSetup("legacy") { workspace, emulator in
            let realIDs = (0..<3).map { _ in Self.realLookingID() }
            let madeUpIDs = ["batch_20260207_210000", "batch_20260207_213000"]
            for id in realIDs { #expect(try await emulator.createBatch(items: 2, name: id) == id) }
            for id in madeUpIDs { #expect(try await emulator.createBatch(items: 1, name: id) == "batches/" + id) }
            // The control API refuses names that would not be one safe path segment, and duplicates.
            for bad in ["batches/../x", "batches/a/b", "bad id", ""] {
                await #expect(throws: HarnessError.self, "name '\(bad)'") { _ = try await emulator.createBatch(name: bad) }
            }
            await #expect(throws: HarnessError.self) { _ = try await emulator.createBatch(name: madeUpIDs[0]) }
            for (number, id) in (realIDs + madeUpIDs).enumerated() {
                try workspace.writeLegacyRequest(id: id, Self.legacyRequest(number, references: number == 0 ? ["~/refs/a.png"] : []))
            }
            try workspace.writeConfig(emulator: emulator)
            try workspace.writeLegacyTrackingFile(ids: realIDs + madeUpIDs)
            #expect(FileManager.default.fileExists(atPath: workspace.batchMetadataFolder.appendingPathComponent(realIDs[0] + ".json").path))
            let imported = try await workspace.run(["import-json"])
            #expect(imported.status == 0 && imported.stdout.contains("5 new"), "\(imported.summary)")

            // Jobs that another program will append while the checker runs, already known to the service.
            let appendedIDs = (0..<30).map { $0 % 3 == 0 ? Self.realLookingID() : String(format: "batch_20260301_12%04d", $0) }
            for id in appendedIDs { _ = try await emulator.createBatch(items: 1, name: id) }
            let script = workspace.root.appendingPathComponent("appender.py")
            try Self.appender.write(to: script, atomically: true, encoding: .utf8)
            let appender = Process()
            appender.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            appender.arguments = ["python3", script.path, workspace.trackingFile.path, workspace.batchMetadataFolder.path] + appendedIDs
            try appender.run()
            defer { if appender.isRunning { kill(appender.processIdentifier, SIGKILL) } }

            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(120)
            var runsDuringAppends = 0
            while appender.isRunning, clock.now < deadline {
                let result = try await workspace.run(["check"])
                #expect(result.status == 0, "\(result.summary)")
                runsDuringAppends += 1
            }
            #expect(!appender.isRunning, "the appender did not finish in time")
            #expect(appender.terminationStatus == 0)
            #expect(runsDuringAppends >= 1)

            let allIDs = Set(realIDs + madeUpIDs + appendedIDs)
            let store = try workspace.openStore()
            // Entries appended after a run's import become due with the next run.
            for _ in 0..<6 {
                let jobs = try store.jobs()
                if Set(jobs.map(\.job.id)) == allIDs, jobs.allSatisfy({ $0.job.status == .completed }) { break }
                let result = try await workspace.run(["check"])
                #expect(result.status == 0, "\(result.summary)")
            }

            let jobs = try store.jobs()
            let stored = Set(jobs.map(\.job.id))
            #expect(allIDs.subtracting(stored).isEmpty, "lost from the database: \(allIDs.subtracting(stored))")
            #expect(stored == allIDs)
            let unfinished = jobs.filter { $0.job.status != .completed }
            #expect(unfinished.isEmpty, "\(unfinished.map { ($0.job.id, $0.job.status, $0.job.lastError ?? "") })")

            let tracking = try workspace.jsonObject(at: workspace.trackingFile)
            #expect(Set(tracking.keys) == allIDs, "lost from the tracking file: \(allIDs.subtracting(tracking.keys))")
            for (id, value) in tracking {
                let entry = value as? [String: Any] ?? [:]
                #expect(entry["batch_job_id"] as? String == id)
                #expect(entry["status"] as? String == "completed" && entry["retrieved"] as? Bool == true, "\(id): \(entry)")
            }

            // The made-up ids reached the service under their own names.
            let stats = try await emulator.stats()
            for id in madeUpIDs { #expect((stats.batches["batches/" + id]?.gets ?? 0) >= 1, "\(id) was never fetched") }

            // Sidecars carry what the legacy request files asked for.
            for (number, id) in (realIDs + madeUpIDs).enumerated() {
                let images = try store.images(jobID: id)
                #expect(images.count == (number < 3 ? 2 : 1))
                for image in images {
                    let sidecar = try workspace.jsonObject(at: URL(fileURLWithPath: try #require(image.originalSidecarPath)))
                    #expect(sidecar["prompt"] as? String == "Legacy prompt \(number)", "\(id): \(sidecar)")
                    #expect(sidecar["title"] as? String == "Title \(number)")
                    #expect(sidecar["description"] as? String == "Description \(number)")
                    #expect(sidecar["alternative_text"] as? String == "AI-generated image: legacy \(number)")
                    #expect(sidecar["caption"] as? String == "Caption \(number)")
                    #expect(sidecar["aspect_ratio"] as? String == "16:9")
                    #expect(sidecar["quality"] as? Int == 100)
                    #expect((sidecar["cost"] as? Double).map { abs($0 - 0.0195) < 1e-9 } == true)
                    #expect((sidecar["reference_images"] as? [String]) == (number == 0 ? ["~/refs/a.png"] : nil))
                    let webpSidecar = try workspace.jsonObject(at: URL(fileURLWithPath: try #require(image.webpSidecarPath)))
                    #expect(webpSidecar["quality"] as? Int == 80)
                    #expect(webpSidecar["prompt"] as? String == "Legacy prompt \(number)")
                    let original = try #require(image.originalPath)
                    #expect(original.hasPrefix(workspace.originalFolder.path + "/"), "\(original) escapes original/")
                }
            }
            // Appended jobs, too, are retrieved with their own request files.
            for (number, id) in appendedIDs.enumerated() {
                for image in try store.images(jobID: id) {
                    let sidecar = try workspace.jsonObject(at: URL(fileURLWithPath: try #require(image.originalSidecarPath)))
                    #expect(sidecar["prompt"] as? String == "Appended prompt \(number)", "\(id): \(sidecar)")
                    #expect(image.webpPath != nil, "\(id) asked for WebP")
                }
            }
        }
    }
}
