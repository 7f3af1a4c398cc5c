import Foundation
import Testing
import TestSupport
import GeminiEmulator
import JobStore
import OrderedJSON
@testable import LegacyFormat

/// A temporary images root with the legacy layout and a job database.
struct LegacyFixture {
    /// The images root, removed when the fixture goes away.
    let scratch: TemporaryFolder
    var root: URL { scratch.url }
    var trackingFile: URL { root.appendingPathComponent("metadata/batch_jobs_tracking.json") }
    var metadataFolder: URL { root.appendingPathComponent("metadata/batch_metadata") }
    var databasePath: String { root.appendingPathComponent("metadata/jobs.sqlite3").path }

    init() throws {
        scratch = try TemporaryFolder("pfc-legacy")
        try FileManager.default.createDirectory(at: metadataFolder, withIntermediateDirectories: true)
    }

    func openStore() throws -> JobStore { try JobStore(path: databasePath) }

    /// `import-json` of this fixture's tracking file and request folder.
    @discardableResult
    func importLegacy(into store: JobStore, dryRun: Bool = false) throws -> LegacyImport.Report {
        // A short settle wait: a broken file in these tests is broken for good, not being written.
        try LegacyImport.run(trackingFile: trackingFile, batchMetadataFolder: metadataFolder, into: store, dryRun: dryRun,
                             waits: TrackingFileWaits(settleSeconds: 0.3))
    }

    /// A realistic tracking file: real-looking ids with `/`, made-up ids, optional fields missing,
    /// statuses the old checker wrote, unknown fields; plus request files in both layouts.
    func writeRealisticLegacyFiles(count: Int) throws {
        var document = JSONObject()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        for index in 0..<count {
            var generator = SeededGenerator(seed: UInt64(index))
            let id: String
            if index % 3 == 0 {
                id = "batch_2026020\(index % 9 + 1)_\(String(format: "%06d", index))"
            } else {
                id = "batches/" + String((0..<36).map { _ in alphabet[Int(generator.next() % 36)] })
            }
            var entry = JSONObject()
            if index % 5 != 0 { entry["batch_job_id"] = JSONValue(id) }
            let retrieved = index % 4 == 0
            entry["status"] = JSONValue(retrieved ? (index % 8 == 0 ? "failed" : "completed") : "pending")
            entry["submitted_at"] = JSONValue(String(format: "2026-02-%02dT%02d:%02d:00%@", index % 27 + 1, index % 24, index % 60,
                                                     index % 2 == 0 ? ".123456" : ""))
            if index % 7 != 0 { entry["last_checked"] = index % 2 == 0 ? .null : JSONValue("2026-03-01T10:00:00.5") }
            if retrieved { entry["completed_at"] = JSONValue("2026-03-01T10:00:01") }
            if index % 6 != 0 { entry["retrieved"] = JSONValue(retrieved) }
            if index % 9 != 0 { entry["check_count"] = JSONValue(index % 11) }
            if index % 10 == 0 { entry["wordpress_post_id"] = JSONValue(index); entry["tags"] = .array([JSONValue("frog")]) }
            document[id] = .object(entry)
            if index % 2 == 0 {
                var request = JSONObject()
                request["batch_job_id"] = JSONValue(id)
                request["prompt"] = JSONValue("Prompt \(index)")
                request["convert_to_webp"] = JSONValue(index % 4 == 0)
                request["cost"] = JSONValue(0.0195)
                try BatchMetadataFolder.write(request, forJob: id, in: metadataFolder)
            }
        }
        try Data(JSONValue.object(document).serializedBytes(style: .pretty)).write(to: trackingFile)
    }
}

@Suite struct ImportExportTests {
    @Test func importsARealisticFileThenReimportChangesNothing() throws {
        let fixture = try LegacyFixture()
        try fixture.writeRealisticLegacyFiles(count: 300)
        let store = try fixture.openStore()
        let first = try fixture.importLegacy(into: store)
        #expect(first.summary.inserted == 300)
        #expect(first.skipped.isEmpty)
        let jobs = try store.jobs(order: .id)
        #expect(jobs.count == 300)
        let made = try #require(try store.job(id: "batch_20260201_000000"))
        #expect(made.status == .failed)  // retrieved + "failed"
        #expect(made.requestMetadataJSON?.contains("Prompt 0") == true)
        #expect(made.legacyExtraJSON == #"{"wordpress_post_id":0,"tags":["frog"]}"#)
        #expect(try store.jobCounts()[.completed, default: 0] > 0)
        #expect(try store.jobCounts()[.pending, default: 0] > 0)

        let before = try Data(contentsOf: URL(fileURLWithPath: fixture.databasePath))
        let second = try fixture.importLegacy(into: store)
        #expect(second.summary.unchanged == 300)
        #expect(second.summary.inserted == 0 && second.summary.updated == 0)
        #expect(try store.jobs(order: .id).map(\.job) == jobs.map(\.job))
        _ = before
    }

    @Test func dryRunChangesNothing() throws {
        let fixture = try LegacyFixture()
        try fixture.writeRealisticLegacyFiles(count: 20)
        let store = try fixture.openStore()
        let report = try fixture.importLegacy(into: store, dryRun: true)
        #expect(report.summary.inserted == 20)
        #expect(try store.jobs().isEmpty)
    }

    @Test func badInputLeavesTheDatabaseByteIdentical() throws {
        let fixture = try LegacyFixture()
        try fixture.writeRealisticLegacyFiles(count: 10)
        let setup = try fixture.openStore()
        _ = try fixture.importLegacy(into: setup)
        try setup.close()
        func databaseBytes() throws -> [Data] {
            try ["", "-wal"].map { suffix in
                (try? Data(contentsOf: URL(fileURLWithPath: fixture.databasePath + suffix))) ?? Data()
            }
        }
        let before = try databaseBytes()
        let cases: [(String, String)] = [
            ("{not json", "not valid JSON"),
            ("[]", "expected a JSON object"),
            (#"{"batches/new": "pending"}"#, #"entry "batches/new" must be an object"#),
            (#"{"batches/new": {"check_count": -1}}"#, #"field "check_count""#),
            (#"{"batches/new": {"submitted_at": 5}}"#, #"field "submitted_at" must be a string"#),
        ]
        for (text, message) in cases {
            try Data(text.utf8).write(to: fixture.trackingFile)
            let store = try fixture.openStore()
            do {
                _ = try fixture.importLegacy(into: store)
                Issue.record("expected failure for \(text)")
            } catch {
                #expect("\(error)".contains(fixture.trackingFile.path))
                #expect("\(error)".contains(message), "\(error)")
            }
            try store.close()
            #expect(try databaseBytes() == before, "database changed after bad input \(text)")
        }
        // A request file that is not JSON fails the whole import too, naming that file.
        try Data(#"{"x": {"status": "pending"}}"#.utf8).write(to: fixture.trackingFile)
        try Data("nope".utf8).write(to: fixture.metadataFolder.appendingPathComponent("x.json"))
        let store = try fixture.openStore()
        #expect {
            try fixture.importLegacy(into: store)
        } throws: { "\($0)".contains("x.json: not valid JSON") }
        try store.close()
        #expect(try databaseBytes() == before)
    }

    @Test func exportRoundTripGivesTheSameState() throws {
        let fixture = try LegacyFixture()
        try fixture.writeRealisticLegacyFiles(count: 200)
        let store = try fixture.openStore()
        _ = try fixture.importLegacy(into: store)
        let exported = fixture.root.appendingPathComponent("exported.json")
        let report = try TrackingExport.run(store: store, to: exported)
        #expect(report.written == 200)
        #expect(report.merged.isEmpty)

        let second = try LegacyFixture()
        try FileManager.default.copyItem(at: exported, to: second.trackingFile)
        let secondStore = try second.openStore()
        _ = try LegacyImport.run(trackingFile: second.trackingFile, batchMetadataFolder: fixture.metadataFolder,
                                 into: secondStore, dryRun: false)
        func legacyView(_ store: JobStore) throws -> [TrackingEntry] {
            try store.jobs(order: .id).map(TrackingExport.trackingEntry)
        }
        #expect(try legacyView(secondStore) == legacyView(store))
        // Exporting again writes the same bytes: stable order.
        let again = second.root.appendingPathComponent("again.json")
        _ = try TrackingExport.run(store: secondStore, to: again)
        #expect(try Data(contentsOf: again) == Data(contentsOf: exported))
    }

    @Test func exportKeepsFieldsAnotherProgramAddedButNotAnOldStatus() throws {
        let fixture = try LegacyFixture()
        try fixture.writeRealisticLegacyFiles(count: 3)
        let store = try fixture.openStore()
        try fixture.importLegacy(into: store)
        _ = try TrackingExport.run(store: store, to: fixture.trackingFile)
        let id = try #require(try store.jobs(status: .failed).first?.job.id)
        // A WordPress tool records its post id on the entry; meanwhile the operator retries the job.
        var document = try JSONValue.parse(Data(contentsOf: fixture.trackingFile))
        var entry = try #require(document[id]?.objectValue)
        entry["wordpress_media_id"] = JSONValue(99)
        document[id] = .object(entry)
        try Data(document.serializedBytes(style: .pretty)).write(to: fixture.trackingFile)
        try store.retry(id: id)

        _ = try TrackingExport.run(store: store, to: fixture.trackingFile)
        let written = try #require(try TrackingFile.read(at: fixture.trackingFile).first { $0.id == id })
        #expect(written.extraFields["wordpress_media_id"] == JSONValue(99))
        #expect(written.status == "pending", "the file's old 'failed' undid the retry")
        #expect(try store.job(id: id)?.status == .pending)
    }

    @Test func exportMergesEntriesAnotherProgramAppended() throws {
        let fixture = try LegacyFixture()
        try fixture.writeRealisticLegacyFiles(count: 5)
        let store = try fixture.openStore()
        _ = try fixture.importLegacy(into: store)
        _ = try TrackingExport.run(store: store, to: fixture.trackingFile)
        var document = try JSONValue.parse(Data(contentsOf: fixture.trackingFile))
        var appended = JSONObject()
        appended["batch_job_id"] = JSONValue("batches/appended1")
        appended["status"] = JSONValue("pending")
        appended["submitted_at"] = JSONValue("2026-11-01T12:00:00.000001")
        document["batches/appended1"] = .object(appended)
        try Data(document.serializedBytes(style: .pretty)).write(to: fixture.trackingFile)

        let report = try TrackingExport.run(store: store, to: fixture.trackingFile)
        #expect(report.merged == ["batches/appended1"])
        #expect(try store.job(id: "appended1")?.status == .pending)
        let entries = try TrackingFile.read(at: fixture.trackingFile)
        #expect(entries.count == 6)
        #expect(entries.contains { $0.id == "batches/appended1" })
    }
}
