import Foundation
import Testing
import TestSupport
import JobStore
import OrderedJSON
@testable import LegacyFormat

/// Legacy files written carelessly or with intent: ids that cannot be kept exactly, links planted where
/// files belong, request files that are broken, a user's own file at a sidecar's name.
@Suite struct HostileLegacyFilesTests {
    static func trackingText(id: String) -> String {
        #"{"\#(id)": {"batch_job_id": "x", "status": "pending", "submitted_at": "2026-02-07T21:00:00"}}"#
    }

    @Test(arguments: [
        (#"batches/abc\u0000def"#, #""batches/abc\u0000def": the id holds the control character U+0000 (NUL)"#),
        (#"batches/\u001b[2Jx"#, #""batches/\u001b[2Jx": the id holds the control character U+001B"#),
        ("batches/.", #""batches/.": is not a job id: one of its /-separated parts is empty, "." or "..""#),
        ("batches/..", #""batches/..": is not a job id"#),
        ("batches/", #""batches/": is not a job id"#),
        ("batches//abc", #""batches//abc": is not a job id"#),
    ])
    func idsThatCannotBeKeptExactlyAreRefusedNamingTheEntry(id: String, message: String) {
        let text = #"{"batches/fine": {"status": "pending"}, "\#(id)": {"status": "pending"}}"#
        #expect {
            try TrackingFile.parse(Data(text.utf8), file: "t.json")
        } throws: { error in
            "\(error)".contains("t.json: entry \(message)") && "\(error)".contains("the entry was refused, not changed")
        }
    }

    @Test func invalidUTF8AndLoneSurrogatesAreRefusedNeverReplaced() throws {
        let invalid = Data(#"{"batches/ab"#.utf8) + Data([0xC3, 0x28]) + Data(#"": {"status": "pending"}}"#.utf8)
        let surrogate = Data(#"{"batches/x\ud800": {"status": "pending"}}"#.utf8)
        for (data, shown) in [(invalid, #""batches/ab\xC3("#), (surrogate, #""batches/x\ud800""#)] {
            do {
                _ = try TrackingFile.parse(data, file: "t.json")
                Issue.record("an id was read inexactly")
            } catch {
                guard case .inexactText = error else { Issue.record("\(error)"); continue }
                #expect(error.description.contains(shown), "\(error)")
            }
        }
    }

    /// import-json and the export refuse the same file alike: nothing imported, the file byte-identical.
    @Test func aRefusedIdChangesNeitherTheDatabaseNorTheFile() throws {
        let fixture = try LegacyFixture()
        let store = try fixture.exportedStore(count: 3)
        var text = String(decoding: try Data(contentsOf: fixture.trackingFile), as: UTF8.self)
        text = text.replacingOccurrences(of: "{\n", with: "{\n  \"batches/nul\\u0000other\": {\"status\": \"pending\"},\n", options: [.anchored])
        try Data(text.utf8).write(to: fixture.trackingFile)
        let before = try Data(contentsOf: fixture.trackingFile)
        let jobs = try store.jobs().map(\.job)
        #expect(throws: LegacyFormatError.self) { try fixture.importLegacy(into: store) }
        #expect(throws: LegacyFormatError.self) { try TrackingExport.run(store: store, to: fixture.trackingFile) }
        #expect(throws: LegacyFormatError.self) {
            try TrackingPickUp.run(trackingFile: fixture.trackingFile, batchMetadataFolder: fixture.metadataFolder, into: store)
        }
        #expect(try Data(contentsOf: fixture.trackingFile) == before)
        #expect(try store.jobs().map(\.job) == jobs)
        #expect(try store.job(id: "batches/nul") == nil)
    }

    /// One rule for a request file that is there but cannot be used, on every path: import-json refuses,
    /// the pick-up and the export hold the entry back (kept in the file, named) until it is fixed.
    @Test func aBrokenRequestFileHoldsItsEntryBackUntilFixed() throws {
        let fixture = try LegacyFixture()
        let store = try fixture.exportedStore(count: 2)
        try fixture.writeTrackingFile(adding: "batches/broken")
        let request = fixture.metadataFolder.appendingPathComponent("batches/broken.json")
        try FileManager.default.createDirectory(at: request.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(#"{"prompt": "A frog", "convert_to_webp": tru"#.utf8).write(to: request)

        #expect { try fixture.importLegacy(into: store) } throws: { "\($0)".contains("batches/broken.json: not valid JSON") }
        let pickUp = try TrackingPickUp.run(trackingFile: fixture.trackingFile, batchMetadataFolder: fixture.metadataFolder, into: store)
        #expect(pickUp.inserted.isEmpty)
        #expect(pickUp.heldBack.map(\.id) == ["batches/broken"])
        #expect(pickUp.heldBack.first?.reason.contains("\(request.path): not valid JSON") == true)
        let export = try TrackingExport.run(store: store, to: fixture.trackingFile, skipIfUnchanged: true)
        #expect(export.heldBack.map(\.id) == ["batches/broken"])
        #expect(try store.job(id: "batches/broken") == nil)
        #expect(try TrackingFile.read(at: fixture.trackingFile).contains { $0.id == "batches/broken" }, "the held entry was dropped")

        // Fixed: the next pick-up takes it, with what the request asks for.
        try Data(#"{"prompt": "A frog", "convert_to_webp": true}"#.utf8).write(to: request)
        let again = try TrackingPickUp.run(trackingFile: fixture.trackingFile, batchMetadataFolder: fixture.metadataFolder, into: store)
        #expect(again.inserted == ["batches/broken"])
        let job = try #require(try store.job(id: "batches/broken"))
        #expect(job.requestMetadataJSON?.contains("A frog") == true)
    }

    @Test func aLinkedRequestFileIsRefusedAndALinkedFolderFollowed() throws {
        let scratch = try TemporaryFolder("pfc-meta-links")
        let root = scratch.url
        let folder = root.appendingPathComponent("batch_metadata")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let secret = root.appendingPathComponent("secret.json")
        try Data(#"{"prompt": "root's secret"}"#.utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("batch_1.json"), withDestinationURL: secret)
        #expect {
            try BatchMetadataFolder.readAll(in: folder)
        } throws: { "\($0)".contains("batch_1.json: is a symbolic link; pfc-jobs does not follow a link here") }
        #expect {
            try BatchMetadataFolder.request(forJob: "batch_1", in: folder)
        } throws: { "\($0)".contains("batch_1.json: is a symbolic link") }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("batch_1.json"))

        // `batches/` moved to another disk and linked back: still read.
        let moved = root.appendingPathComponent("elsewhere/batches")
        try FileManager.default.createDirectory(at: moved, withIntermediateDirectories: true)
        try Data(#"{"batch_job_id": "batches/abc", "prompt": "moved"}"#.utf8).write(to: moved.appendingPathComponent("abc.json"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("batches"), withDestinationURL: moved)
        #expect(try BatchMetadataFolder.readAll(in: folder)["batches/abc"]?["prompt"] == JSONValue("moved"))
        #expect(try BatchMetadataFolder.request(forJob: "batches/abc", in: folder)?["prompt"] == JSONValue("moved"))
    }

    /// Item 9: the system's reason and the file's name, never Foundation's "NSCocoaErrorDomain error 256".
    @Test func readFailuresNameTheFileAndTheReason() throws {
        let scratch = try TemporaryFolder("pfc-reasons")
        let root = scratch.url
        let plain = root.appendingPathComponent("plain")
        try Data("x".utf8).write(to: plain)
        let under = plain.appendingPathComponent("t.json")
        #expect(throws: LegacyFormatError.unreadable(file: under.path, reason: "Not a directory")) { try TrackingFile.read(at: under) }
        #expect(throws: LegacyFormatError.unreadable(file: under.path, reason: "Not a directory")) { try BatchMetadataFolder.read(under) }
        #expect {
            try BatchMetadataFolder.read(root)
        } throws: { "\($0)" == "\(root.path): is a folder, not a regular file; it was left alone" }
        #expect {
            try BatchMetadataFolder.readAll(in: plain)
        } throws: { "\($0)" == "\(plain.path): cannot read: Not a directory" }
    }

    @Test func aSidecarNameTakenByAUsersFileOrALinkIsNeverWrittenOver() throws {
        let scratch = try TemporaryFolder("pfc-sidecars")
        let folder = scratch.url
        var request = JSONObject()
        request["prompt"] = JSONValue("A frog")
        let sidecar = Sidecar.original(request: RequestMetadata(request), model: "gemini-3-pro-image-preview", created: Date())

        let users = folder.appendingPathComponent("cat-1a2b3c4d.png.json")
        let usersBytes = Data(#"{"my": "notes", "prompt": "mine"}"#.utf8)
        try usersBytes.write(to: users)
        #expect(!Sidecar.canWrite(sidecar, to: users))
        #expect(throws: LegacyFormatError.notOurs(file: users.path)) { try Sidecar.write(sidecar, to: users) }
        #expect(try Data(contentsOf: users) == usersBytes)

        let secret = folder.appendingPathComponent("secret.json")
        let secretBytes = Data(#"{"prompt": "A frog", "model": "gemini-3-pro-image-preview", "token": "s3cret"}"#.utf8)
        try secretBytes.write(to: secret)
        let linked = folder.appendingPathComponent("dog-1a2b3c4d.png.json")
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: secret)
        #expect(!Sidecar.canWrite(sidecar, to: linked))
        #expect { try Sidecar.write(sidecar, to: linked) } throws: { "\($0)".contains("is a symbolic link") }
        #expect(try Data(contentsOf: secret) == secretBytes)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: linked.path) == secret.path)

        let fresh = folder.appendingPathComponent("frog-1a2b3c4d.png.json")
        #expect(Sidecar.canWrite(sidecar, to: fresh))
        try Sidecar.write(sidecar, to: fresh)
        #expect(Sidecar.canWrite(sidecar, to: fresh), "our own sidecar may be written again")
        #expect(try BatchMetadataFolder.read(fresh)["prompt"] == JSONValue("A frog"))
    }
}
