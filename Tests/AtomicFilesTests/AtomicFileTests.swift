import Foundation
import Testing
import TestSupport
@testable import AtomicFiles

@Suite struct AtomicFileTests {
    /// A fresh folder per test, removed afterwards.
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }

    init() throws {
        scratch = try TemporaryFolder("pfc-atomic")
    }

    @Test func replacesContentAndKeepsTheExistingMode() throws {
        let file = folder.appendingPathComponent("tracking.json")
        try AtomicFile.write(Array("old".utf8), to: file, mode: 0o600)
        #expect(AtomicFile.existingMode(of: file) == 0o600)
        chmod(file.path, 0o640)
        try AtomicFile.write(Array("new".utf8), to: file, mode: 0o600)
        #expect(try String(contentsOf: file, encoding: .utf8) == "new")
        #expect(AtomicFile.existingMode(of: file) == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["tracking.json"])
    }

    @Test func refusesToReplaceWhenAskedNotTo() throws {
        let file = folder.appendingPathComponent("req.png")
        try AtomicFile.write([1, 2, 3], to: file, replacing: false)
        #expect(throws: AtomicFileError.self) { try AtomicFile.write([9], to: file, replacing: false) }
        #expect(try Data(contentsOf: file) == Data([1, 2, 3]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["req.png"])
    }

    @Test func failureNamesThePathAndLeavesNothing() throws {
        let missing = folder.appendingPathComponent("no/such/folder/file.json")
        do {
            try AtomicFile.write([1], to: missing)
            Issue.record("expected failure")
        } catch {
            #expect(error.description.contains("no/such/folder"))
            #expect(error.description.contains("No such file or directory"))
        }
    }

    @Test func leftoversOfACrashAreRemoved() throws {
        let file = folder.appendingPathComponent("x.png")
        _ = try AtomicFile.writeTemporary([1, 2], besides: file, mode: 0o644)
        // This process is alive: its file stays until it is older than the limit.
        #expect(AtomicFile.removeLeftovers(in: folder, minimumAge: 600) == 0)
        #expect(AtomicFile.removeLeftovers(in: folder, minimumAge: 600, now: Date().addingTimeInterval(601)) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aDeadWritersLeftoverIsRemovedAtOnce() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let orphan = folder.appendingPathComponent("\(AtomicFile.temporaryPrefix)\(child.processIdentifier)-abcd1234-cat.png")
        let live = folder.appendingPathComponent("\(AtomicFile.temporaryPrefix)\(getppid())-abcd1234-dog.png")
        for url in [orphan, live] { try Data([0]).write(to: url) }
        #expect(AtomicFile.removeLeftovers(in: folder) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [live.lastPathComponent])
    }

    @Test func createsNestedFoldersWithTheMode() throws {
        let nested = folder.appendingPathComponent("a/b/c")
        try AtomicFile.createFolder(nested, mode: 0o700)
        #expect(AtomicFile.existingMode(of: nested) == 0o700)
        #expect(AtomicFile.existingMode(of: folder.appendingPathComponent("a")) == 0o700)
    }
}
