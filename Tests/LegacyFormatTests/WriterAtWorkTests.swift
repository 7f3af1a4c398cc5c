import Foundation
import Testing
import TestSupport
import JobStore
import OrderedJSON
@testable import LegacyFormat

/// Another program is writing the tracking file while pfc-jobs reads or replaces it: nothing it writes
/// is lost, and every wait ends within its bound.
@Suite struct WriterAtWorkTests {
    static let quick = TrackingFileWaits(settleSeconds: 1, quietSeconds: 0.2, lockSeconds: 0.5, exportSeconds: 20)

    func exported(_ fixture: LegacyFixture, count: Int = 5) throws -> JobStore { try fixture.exportedStore(count: count) }

    func ids(_ fixture: LegacyFixture, _ store: JobStore) throws -> (stored: Set<String>, inFile: Set<String>) {
        (Set(try store.jobs().map(\.job.id)), Set(try TrackingFile.read(at: fixture.trackingFile).map(\.id)))
    }

    @Test func anEmptyFileIsLeftAloneAndSaysSo() throws {
        let fixture = try LegacyFixture()
        let store = try exported(fixture)
        try Data().write(to: fixture.trackingFile)
        let started = Date()
        do {
            _ = try TrackingExport.run(store: store, to: fixture.trackingFile, waits: Self.quick)
            Issue.record("an empty file was replaced")
        } catch let error as LegacyFormatError {
            #expect(error.isAnotherWriterAtWork)
            #expect(error.description.hasPrefix("\(fixture.trackingFile.path): empty (watched for 1 s); another program seems to be writing it"))
        }
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(try Data(contentsOf: fixture.trackingFile).isEmpty)
        #expect(throws: LegacyFormatError.self) {
            try TrackingPickUp.run(trackingFile: fixture.trackingFile, batchMetadataFolder: fixture.metadataFolder, into: store,
                                   waits: Self.quick)
        }
        #expect(throws: LegacyFormatError.self) {
            try LegacyImport.run(trackingFile: fixture.trackingFile, batchMetadataFolder: fixture.metadataFolder, into: store,
                                 dryRun: false, waits: Self.quick)
        }
    }

    /// The writer truncates, pauses, then writes: shorter than the wait, the export waits and merges its
    /// entry; longer, the export leaves the file alone. Either way the entry is never lost.
    @Test(arguments: [0.05, 0.5, 2.0])
    func aWriterThatTruncatesAndPausesLosesNothing(pause: Double) throws {
        let fixture = try LegacyFixture()
        let store = try exported(fixture)
        let truncated = fixture.root.appendingPathComponent("truncated")
        let writer = try LegacyWriter(mode: "inplace", file: fixture.trackingFile, prefix: "paused", count: 1, pause: pause, signal: truncated)
        defer { writer.stop() }
        #expect(waitForFile(truncated))
        do {
            let report = try TrackingExport.run(store: store, to: fixture.trackingFile, waits: Self.quick)
            #expect(pause < Self.quick.settleSeconds, "the export replaced a file still being written")
            #expect(report.merged == writer.ids)
        } catch let error as LegacyFormatError where error.isAnotherWriterAtWork {
            #expect(pause >= Self.quick.settleSeconds, "\(error)")
        }
        #expect(writer.wait() == 0)
        let (stored, inFile) = try ids(fixture, store)
        #expect(stored.union(inFile).isSuperset(of: writer.ids), "the paused writer's entry was lost")
        _ = try TrackingExport.run(store: store, to: fixture.trackingFile, waits: Self.quick)
        #expect(try ids(fixture, store).stored.isSuperset(of: writer.ids))
    }

    /// A file with fewer entries than the last export wrote is taken once it stays unchanged: a writer
    /// that read an older version wrote it back; what it lacks is in the database.
    @Test func aShrunkenFileIsTakenOnceItIsQuiet() throws {
        let fixture = try LegacyFixture()
        let store = try exported(fixture, count: 6)
        var document = JSONObject()
        var entry = JSONObject()
        entry["status"] = JSONValue("pending")
        document["batches/latecomer"] = .object(entry)
        try Data(JSONValue.object(document).serializedBytes(style: .pretty)).write(to: fixture.trackingFile)
        let report = try TrackingExport.run(store: store, to: fixture.trackingFile, waits: Self.quick)
        #expect(report.merged == ["batches/latecomer"])
        let (stored, inFile) = try ids(fixture, store)
        #expect(stored.count == 7 && inFile == stored)
    }

    @Test func aFIFOOrALinkAtTheFileIsRefusedAtOnce() throws {
        let fixture = try LegacyFixture()
        let store = try exported(fixture)
        let target = fixture.root.appendingPathComponent("someone-elses.json")
        let secret = Data(#"{"batches/stolen": {"status": "pending"}}"#.utf8)
        try secret.write(to: target)
        try FileManager.default.removeItem(at: fixture.trackingFile)
        try FileManager.default.createSymbolicLink(at: fixture.trackingFile, withDestinationURL: target)
        for attempt in 0..<3 {
            do {
                switch attempt {
                case 0: _ = try TrackingExport.run(store: store, to: fixture.trackingFile, waits: Self.quick)
                case 1: _ = try TrackingPickUp.run(trackingFile: fixture.trackingFile, batchMetadataFolder: fixture.metadataFolder, into: store)
                default: _ = try fixture.importLegacy(into: store)
                }
                Issue.record("the link was followed (\(attempt))")
            } catch let error as LegacyFormatError {
                #expect(error == .refused(file: fixture.trackingFile.path,
                                          reason: "is a symbolic link; pfc-jobs does not follow a link here (put the file itself there)"))
            }
        }
        #expect(try Data(contentsOf: target) == secret)
        #expect(try store.job(id: "batches/stolen") == nil)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: fixture.trackingFile.path) == target.path)

        try FileManager.default.removeItem(at: fixture.trackingFile)
        #expect(mkfifo(fixture.trackingFile.path, 0o600) == 0)
        let started = Date()
        #expect {
            try TrackingExport.run(store: store, to: fixture.trackingFile, waits: Self.quick)
        } throws: { "\($0)".contains("is a FIFO (named pipe), not a regular file") }
        #expect(Date().timeIntervalSince(started) < 3)
    }

    @Test func aHeldLockMakesTheExportGiveUpWithinItsBound() throws {
        let fixture = try LegacyFixture()
        let store = try exported(fixture)
        // Another process holds the export's lock (ready once it has it).
        let holder = try LockHolder(path: fixture.trackingFile.path + ".lock")
        defer { holder.release() }
        let before = try Data(contentsOf: fixture.trackingFile)
        let started = Date()
        #expect {
            try TrackingExport.run(store: store, to: fixture.trackingFile, waits: Self.quick)
        } throws: { error in
            (error as? LegacyFormatError)?.isAnotherWriterAtWork == true && "\(error)".contains("held this lock for more than 0.5 s")
        }
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(try Data(contentsOf: fixture.trackingFile) == before)
    }

    /// An export killed between its swap and the delete leaves the old file under a temporary name;
    /// the next export takes what it holds before deleting it.
    @Test func aSwappedOutFileLeftByADeadExportIsMergedThenRemoved() throws {
        let fixture = try LegacyFixture()
        let store = try exported(fixture)
        // A pid that is not running: the writer of this leftover is gone.
        var deadPID: Int32 = 4_000_000
        while kill(deadPID, 0) == 0 { deadPID += 1 }
        let leftover = fixture.trackingFile.deletingLastPathComponent()
            .appendingPathComponent(".pfc-tmp-\(deadPID)-ab12cd34-batch_jobs_tracking.json")
        try fixture.writeTrackingFile(adding: "batches/onlyinleftover", to: leftover)
        let report = try TrackingExport.run(store: store, to: fixture.trackingFile)
        #expect(report.merged == ["batches/onlyinleftover"])
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(try ids(fixture, store).inFile.contains("batches/onlyinleftover"))
    }

    /// Writers in place and by rename keep appending while exports and pick-ups run: every entry ends
    /// in the database.
    @Test func inPlaceAndRenamingWritersLoseNothingToExports() throws {
        let fixture = try LegacyFixture()
        let store = try exported(fixture, count: 20)
        let writers = [
            try LegacyWriter(mode: "inplace", file: fixture.trackingFile, prefix: "inplace", count: 120),
            try LegacyWriter(mode: "rename", file: fixture.trackingFile, prefix: "renamed", count: 120),
        ]
        defer { writers.forEach { $0.stop() } }
        let deadline = Date().addingTimeInterval(60)
        var exports = 0, skipped = 0
        while writers.contains(where: \.isRunning), Date() < deadline {
            do {
                if exports % 3 == 2 {
                    _ = try TrackingPickUp.run(trackingFile: fixture.trackingFile, batchMetadataFolder: fixture.metadataFolder, into: store)
                } else {
                    _ = try TrackingExport.run(store: store, to: fixture.trackingFile)
                }
                exports += 1
            } catch let error as LegacyFormatError where error.isAnotherWriterAtWork {
                skipped += 1  // nothing was replaced: allowed
            }
        }
        #expect(writers.allSatisfy { $0.wait(seconds: 10) == 0 })
        _ = try TrackingExport.run(store: store, to: fixture.trackingFile)
        let (stored, inFile) = try ids(fixture, store)
        let appended = writers.flatMap(\.ids)
        let missing = appended.filter { !stored.contains($0) }
        #expect(missing.isEmpty, "lost \(missing.count) of \(appended.count) after \(exports) runs (\(skipped) skipped): \(missing.prefix(5))")
        #expect(inFile == stored)
        #expect(exports > 5)
    }
}
