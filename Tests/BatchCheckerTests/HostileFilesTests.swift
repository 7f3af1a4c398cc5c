import Foundation
import Testing
import TestSupport
import BatchChecker
import JobStore

/// `check`, `import-json` and `export-json` as real processes against an images root that another
/// program, another account or a careless user shares: writers at work on the tracking file, planted
/// links, FIFOs, held locks, broken request files and ids that cannot be kept exactly.
@Suite struct HostileFilesTests {
    /// Tests/Scripts/legacy_writer.py (the legacy tools' two ways of adding an entry; see the script).
    static func writer(_ workspace: Workspace, mode: String, prefix: String, count: Int, pause: Double, gap: Double) throws -> (ChildProcess, [String]) {
        let child = try ChildProcess(executable: URL(fileURLWithPath: "/usr/bin/python3"),
                                     arguments: [LegacyFiles.writerScript.path, mode, workspace.trackingFile.path, prefix, String(count),
                                                 String(pause), "-", String(gap)],
                                     environment: workspace.environment(withKey: false), directory: workspace.root, logFolder: workspace.root)
        return (child, LegacyFiles.writerIDs(prefix: prefix, count: count))
    }

    /// Every regular file under the images root (links not followed) and the database, as one text to search.
    static func everythingStored(_ workspace: Workspace) -> String {
        var text = ""
        let walker = FileManager.default.enumerator(atPath: workspace.imagesRoot.path)
        while let relative = walker?.nextObject() as? String {
            let path = workspace.imagesRoot.appendingPathComponent(relative).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            text += String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        }
        return text
    }

    /// Raw control bytes other than the line feed (C0, DEL, C1 in UTF-8).
    static func rawControls(_ text: String) -> Int {
        text.unicodeScalars.filter { $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) }.count
    }

    /// In-place writers (one pausing half a second after each truncation) and a renaming writer keep
    /// appending while `check`, `import-json` and `export-json` run one after another (about 15 s of writes,
    /// 516 entries, 16 of them leaving the file truncated for half a second): every appended id ends in the database.
    @Test func writersLoseNothingWhileCheckImportAndExportRun() async throws {
        try await withCheckerSetup("soak") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            try workspace.writeLegacyTrackingFile(ids: (0..<10).map { String(format: "batch_20260207_21%04d", $0) })
            #expect(try await workspace.run(["import-json"]).status == 0)
            let writers = [
                try Self.writer(workspace, mode: "inplace", prefix: "inplace", count: 250, pause: -1, gap: 0.04),
                try Self.writer(workspace, mode: "inplace", prefix: "paused", count: 16, pause: 0.5, gap: 0.1),
                try Self.writer(workspace, mode: "rename", prefix: "renamed", count: 250, pause: -1, gap: 0.04),
            ]
            defer { writers.forEach { $0.0.kill() } }
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(60)
            var runs: [String: Int] = [:]
            var round = 0
            while writers.contains(where: { $0.0.isRunning }), clock.now < deadline {
                let command = [["check", "--limit", "3"], ["export-json"], ["import-json"]][round % 3]
                round += 1
                let result = try await workspace.run(command)
                // 1 only for a file left alone while a writer was at work, and saying so.
                let skipped = result.status == 1 && (result.stderr.contains("export skipped: ") || result.stderr.contains("nothing imported: "))
                #expect(result.status == 0 || skipped, "\(result.summary)")
                runs[command[0] + (result.status == 0 ? "" : " skipped"), default: 0] += 1
            }
            for (writer, _) in writers { _ = try await writer.wait(timeout: .seconds(30)) }
            let final = try await workspace.run(["export-json"])
            #expect(final.status == 0, "\(final.summary)")
            let stored = Set(try workspace.openStore().jobs().map(\.job.id))
            let appended = writers.flatMap(\.1)
            let missing = appended.filter { !stored.contains($0) }
            #expect(missing.isEmpty, "lost \(missing.count) of \(appended.count) over \(runs): \(missing.prefix(5))")
            // Each command ran while writers were at work (how often depends on the machine's load).
            #expect(["check", "export-json", "import-json"].allSatisfy { runs[$0, default: 0] + runs[$0 + " skipped", default: 0] >= 1 },
                    "\(runs)")
            // The appended jobs are unknown to the service (not found, then failed): only SQLite contention is trouble here.
            let trouble = troubleLines(workspace.logText()).filter { !$0.contains("Tracking file export skipped") && !$0.contains("not found") }
            #expect(trouble.isEmpty, "\(trouble.prefix(5))")
        }
    }

    /// Links planted at the log, a request file, a sidecar and the tracking file: each target stays byte
    /// for byte as it was, and nothing of it reaches the images root or the database.
    @Test func plantedLinksLeaveTheirTargetsAlone() async throws {
        try await withCheckerSetup("links") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let secretFolder = workspace.root.appendingPathComponent("elsewhere")
            try FileManager.default.createDirectory(at: secretFolder, withIntermediateDirectories: true)
            func secret(_ name: String) throws -> (URL, Data) {
                let url = secretFolder.appendingPathComponent(name)
                let data = Data(#"{"prompt": "SECRET-\#(name)", "title": "SECRET-\#(name)", "batches/stolen-\#(name)": {"status": "pending"}}"#.utf8)
                try data.write(to: url)
                return (url, data)
            }
            let job = LegacyTests.realLookingID()
            #expect(try await emulator.createBatch(items: 1, name: job) == job)
            try workspace.writeLegacyTrackingFile(ids: [job])
            #expect(try await workspace.run(["import-json"]).status == 0)

            // The log: check refuses to start, naming it.
            let (logTarget, logBytes) = try secret("log")
            try FileManager.default.createDirectory(at: workspace.logFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: workspace.logFile, withDestinationURL: logTarget)
            let refused = try await workspace.run(["check"])
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("\(workspace.logFile.path): is a symbolic link"), "\(refused.summary)")
            #expect(try Data(contentsOf: logTarget) == logBytes)
            try FileManager.default.removeItem(at: workspace.logFile)

            // A request file of an appended entry, and the sidecar of the job's image.
            let appended = LegacyTests.realLookingID()
            _ = try await emulator.createBatch(items: 1, name: appended)
            var tracking = try workspace.jsonObject(at: workspace.trackingFile)
            tracking[appended] = ["batch_job_id": appended, "status": "pending", "submitted_at": "2026-03-01T12:00:00"]
            try JSONSerialization.data(withJSONObject: tracking).write(to: workspace.trackingFile)
            let (requestTarget, requestBytes) = try secret("request")
            let request = workspace.batchMetadataFolder.appendingPathComponent(appended + ".json")
            try FileManager.default.createDirectory(at: request.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: request, withDestinationURL: requestTarget)
            let (sidecarTarget, sidecarBytes) = try secret("sidecar")
            let sidecar = workspace.jsonFolder.appendingPathComponent(ImageNaming.baseName(requestKey: "item-1", jobID: job) + ".png.json")
            try FileManager.default.createDirectory(at: workspace.jsonFolder, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: sidecar, withDestinationURL: sidecarTarget)
            let checked = try await workspace.run(["check"])
            #expect(checked.status == 0, "\(checked.summary)")
            let log = workspace.logText()
            #expect(log.contains("Not picking up \(appended)") && log.contains("\(request.path): is a symbolic link"), "\(log)")
            #expect(try workspace.openStore().job(id: appended) == nil)
            #expect(try workspace.jsonObject(at: workspace.trackingFile)[appended] != nil, "the held-back entry stays in the file")

            // The tracking file itself: the export is refused, and check says so (exit 1).
            let (trackingTarget, trackingBytes) = try secret("tracking")
            try FileManager.default.removeItem(at: workspace.trackingFile)
            try FileManager.default.createSymbolicLink(at: workspace.trackingFile, withDestinationURL: trackingTarget)
            let linked = try await workspace.run(["check"])
            #expect(linked.status == 1, "\(linked.summary)")
            #expect(linked.stderr.contains("the tracking file was not exported") && linked.stderr.contains("is a symbolic link"),
                    "\(linked.summary)")

            for (target, bytes) in [(logTarget, logBytes), (requestTarget, requestBytes), (sidecarTarget, sidecarBytes),
                                    (trackingTarget, trackingBytes)] {
                #expect(try Data(contentsOf: target) == bytes, "\(target.lastPathComponent) changed")
            }
            let stored = Self.everythingStored(workspace)
            #expect(!stored.contains("SECRET-"), "a link's target was copied into the images root or the database")
            #expect(try workspace.openStore().jobs().allSatisfy { !$0.job.id.contains("stolen") })
        }
    }

    /// A user's own file at a sidecar's name survives, byte for byte.
    @Test func aUsersFileAtASidecarNameSurvives() async throws {
        try await withCheckerSetup("users-file") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let job = try await emulator.createBatch(items: 1)
            try workspace.writeLegacyTrackingFile(ids: [job])
            #expect(try await workspace.run(["import-json"]).status == 0)
            let sidecar = workspace.jsonFolder.appendingPathComponent(ImageNaming.baseName(requestKey: "item-1", jobID: job) + ".png.json")
            try FileManager.default.createDirectory(at: workspace.jsonFolder, withIntermediateDirectories: true)
            let mine = Data("my own notes, not JSON\n".utf8)
            try mine.write(to: sidecar)
            for _ in 0..<2 { _ = try await workspace.run(["check"]) }
            #expect(try Data(contentsOf: sidecar) == mine)
            // The image went to another name, or (refused) the job says which file is in the way.
            let images = try workspace.openStore().images(jobID: job)
            let elsewhere = images.contains { $0.originalSidecarPath != nil && $0.originalSidecarPath != sidecar.path }
            #expect(elsewhere || workspace.logText().contains(sidecar.path), "\(images)")
        }
    }

    /// A user's own file at the WebP's name, and a link at the original's, survive untouched: the image
    /// goes to the next free name, as a taken original's name always did.
    @Test func aUsersFileAtAWebPNameSurvives() async throws {
        try await withCheckerSetup("users-webp") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let job = try await emulator.createBatch(items: 1)
            try workspace.writeLegacyTrackingFile(ids: [job])
            try workspace.writeLegacyRequest(id: job, ["convert_to_webp": true])
            #expect(try await workspace.run(["import-json"]).status == 0)
            let base = ImageNaming.baseName(requestKey: "item-1", jobID: job)
            for folder in [workspace.webpFolder, workspace.originalFolder] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            let mine = Data("my own drawing\n".utf8)
            try mine.write(to: workspace.webpFolder.appendingPathComponent(base + ".webp"))
            let target = workspace.root.appendingPathComponent("target.png")
            try Data("not yours".utf8).write(to: target)
            try FileManager.default.createSymbolicLink(at: workspace.originalFolder.appendingPathComponent(base + "-2.png"),
                                                       withDestinationURL: target)
            for _ in 0..<3 where try workspace.openStore().job(id: job)?.status != .completed {
                #expect(try await workspace.run(["check"]).status == 0)
            }
            #expect(try workspace.openStore().job(id: job)?.status == .completed)
            #expect(try Data(contentsOf: workspace.webpFolder.appendingPathComponent(base + ".webp")) == mine)
            #expect(try Data(contentsOf: target) == Data("not yours".utf8))
            let image = try #require(try workspace.openStore().images(jobID: job).first)
            #expect(image.webpPath?.hasSuffix(base + "-3.webp") == true, "\(image.webpPath ?? "-")")
            #expect(image.originalPath?.hasSuffix(base + "-3.png") == true, "\(image.originalPath ?? "-")")
        }
    }

    /// One rule for a request file that is there but broken: import-json refuses (exit 2) naming it, and
    /// check does not take the entry until it is fixed, naming it in the log; then it takes it with its wishes.
    @Test func aBrokenRequestFileIsTreatedAlikeByCheckAndImportJSON() async throws {
        try await withCheckerSetup("bad-request") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let job = try await emulator.createBatch(items: 1)
            try workspace.writeLegacyTrackingFile(ids: [job])
            let request = workspace.batchMetadataFolder.appendingPathComponent(job + ".json")
            try FileManager.default.createDirectory(at: request.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(#"{"title": "Frog news", "convert_to_webp": tr"#.utf8).write(to: request)

            let imported = try await workspace.run(["import-json"])
            #expect(imported.status == 2)
            #expect(imported.stderr.contains("\(request.path): not valid JSON"), "\(imported.summary)")
            let checked = try await workspace.run(["check"])
            #expect(checked.status == 0, "\(checked.summary)")
            #expect(workspace.logText().contains("\(request.path): not valid JSON"))
            #expect(try workspace.openStore().job(id: job) == nil, "taken without its request")
            #expect(try workspace.jsonObject(at: workspace.trackingFile)[job] != nil)

            try workspace.writeLegacyRequest(id: job, ["title": "Frog news", "convert_to_webp": true])
            for _ in 0..<3 where try workspace.openStore().job(id: job)?.status != .completed {
                #expect(try await workspace.run(["check"]).status == 0)
            }
            #expect(try workspace.openStore().job(id: job)?.status == .completed)
            #expect(workspace.files(in: workspace.webpFolder).count == 1, "the request's WebP wish was kept")
            let sidecars = workspace.files(in: workspace.jsonFolder)
            let sidecar = try workspace.jsonObject(at: workspace.jsonFolder.appendingPathComponent(try #require(sidecars.first)))
            #expect(sidecar["title"] as? String == "Frog news")
        }
    }

    /// A FIFO at the tracking file ends the run at once (exit 1, named); a held lock ends it after its
    /// bound (exit 0, the export skipped and logged). The run is recorded as finished either way.
    @Test func aFIFOAndAHeldLockEndTheRunWithinTheirBounds() async throws {
        try await withCheckerSetup("bounded") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let job = try await emulator.createBatch(items: 1)
            try workspace.writeLegacyTrackingFile(ids: [job])
            #expect(try await workspace.run(["import-json"]).status == 0)

            let holder = try LockHolder(path: workspace.trackingFile.path + ".lock")
            defer { holder.release() }
            let clock = ContinuousClock()
            let started = clock.now
            let held = try await workspace.run(["check"], timeout: .seconds(40))
            #expect(clock.now - started < .seconds(30))
            #expect(held.status == 0, "\(held.summary)")
            #expect(workspace.logText().contains("Tracking file export skipped"), "\(workspace.logText())")
            #expect(workspace.logText().contains("held this lock for more than 10 s"))
            holder.release()

            try FileManager.default.removeItem(at: workspace.trackingFile)
            #expect(mkfifo(workspace.trackingFile.path, 0o600) == 0)
            let fifoStarted = clock.now
            let fifo = try await workspace.run(["check"], timeout: .seconds(40))
            #expect(clock.now - fifoStarted < .seconds(20))
            #expect(fifo.status == 1, "\(fifo.summary)")
            #expect(fifo.stderr.contains("\(workspace.trackingFile.path): is a FIFO"), "\(fifo.summary)")
            let runs = try workspace.openStore().recentRuns(limit: 5)
            #expect(runs.allSatisfy { $0.finishedAt != nil }, "a run row stayed open")
        }
    }

    /// Ids that cannot be kept exactly: check picks up none of them, refuses to rewrite the file (exit 1,
    /// the entry named, escaped in the log), and the file stays byte for byte.
    @Test(arguments: [
        Data(#"{"batches/abc\u0000def": {"status": "pending"}}"#.utf8),
        Data(#"{"batches/x\ud800": {"status": "pending"}}"#.utf8),
        Data(#"{"batches/ab"#.utf8) + Data([0xFF]) + Data(#"": {"status": "pending"}}"#.utf8),
        Data(#"{"batches/.": {"status": "pending"}}"#.utf8),
        Data(#"{"batches/\u001b[2J\r[ERROR] forged": {"status": "pending"}}"#.utf8),
    ])
    func idsThatCannotBeKeptExactlyAreRefused(file: Data) async throws {
        try await withCheckerSetup("ids") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            try FileManager.default.createDirectory(at: workspace.metadataFolder, withIntermediateDirectories: true)
            try file.write(to: workspace.trackingFile)
            let checked = try await workspace.run(["check"])
            #expect(checked.status == 1, "\(checked.summary)")
            #expect(checked.stderr.contains("the tracking file was not exported"), "\(checked.summary)")
            let log = workspace.logText()
            #expect(log.contains("cannot be kept exactly") || log.contains("the entry was refused, not changed"), "\(log)")
            #expect(Self.rawControls(log) == 0)
            #expect(try Data(contentsOf: workspace.trackingFile) == file)
            #expect(try workspace.openStore().jobs().isEmpty)
            let stats = try await emulator.stats()
            #expect(stats.batches.isEmpty && stats.lists == 0, "the service was asked about a refused id: \(stats.batches.keys)")
        }
    }
}
