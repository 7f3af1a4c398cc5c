import Foundation
import Testing
import TestSupport
@testable import AtomicFiles

/// Files opened in folders other people write to: no symbolic link followed, no FIFO waited on, no file
/// that is not ours replaced, every lock wait bounded.
@Suite struct SafeFileTests {
    /// A fresh folder per test, removed afterwards.
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }

    init() throws {
        scratch = try TemporaryFolder("pfc-safe")
    }

    func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) }

    @Test func aSymbolicLinkIsRefusedNamingItAndItsTargetIsNotRead() throws {
        let target = folder.appendingPathComponent("secret.txt")
        try Data("root's file".utf8).write(to: target)
        let link = folder.appendingPathComponent("tracking.json")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        do {
            _ = try ReadOnlyFile(path: link.path)
            Issue.record("a link was followed")
        } catch {
            #expect(error.code == ELOOP)
            #expect(error.description == "\(link.path): is a symbolic link; pfc-jobs does not follow a link here (put the file itself there)")
        }
        #expect(throws: AtomicFileError.self) { try AtomicFile.readRegularFile(at: link) }
        // The link's target does not lend its mode to a new file either.
        chmod(target.path, 0o604)
        #expect(AtomicFile.existingMode(of: link) == nil)
    }

    @Test func aFIFOIsRefusedAtOnceInsteadOfBlocking() throws {
        let fifo = folder.appendingPathComponent("tracking.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        let started = Date()
        do {
            _ = try ReadOnlyFile(path: fifo.path)
            Issue.record("a FIFO was opened as a file")
        } catch {
            #expect(error.description == "\(fifo.path): is a FIFO (named pipe), not a regular file; it was left alone")
        }
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(throws: AtomicFileError.self) { try AtomicFile.readRegularFile(at: folder) }
        #expect(try ReadOnlyFile(path: folder.appendingPathComponent("missing").path) == nil)
    }

    @Test func writeNewNeverReplacesAnotherFileButAdoptsTheSameBytes() throws {
        let webp = folder.appendingPathComponent("cat.webp")
        #expect(try AtomicFile.writeNew([1, 2, 3], to: webp) == .created)
        #expect(try AtomicFile.writeNew([1, 2, 3], to: webp) == .alreadyThere)
        #expect(AtomicFile.canPlace([1, 2, 3], at: webp))
        #expect(!AtomicFile.canPlace([9], at: webp))
        do {
            try AtomicFile.writeNew([9, 9], to: webp)
            Issue.record("replaced a different file")
        } catch {
            #expect(error.code == EEXIST)
            #expect(error.description.contains("cat.webp: another file is already there"))
        }
        #expect(bytes("cat.webp") == Data([1, 2, 3]))

        // A link at the name: refused, its target unchanged, and no file appears through it.
        let target = folder.appendingPathComponent("target")
        try Data("keep".utf8).write(to: target)
        let link = folder.appendingPathComponent("dog.webp")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(throws: AtomicFileError.self) { try AtomicFile.writeNew([7], to: link) }
        #expect(!AtomicFile.canPlace([7], at: link))
        #expect(bytes("target") == Data("keep".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["cat.webp", "dog.webp", "target"])
    }

    @Test func exchangeSwapsTwoNames() throws {
        let first = folder.appendingPathComponent("a"), second = folder.appendingPathComponent("b")
        try Data("A".utf8).write(to: first)
        try Data("B".utf8).write(to: second)
        // tmpfs, ext4, xfs and btrfs support it; this machine's temporary folder is one of them.
        #expect(try AtomicFile.exchange(first, with: second))
        #expect(bytes("a") == Data("B".utf8) && bytes("b") == Data("A".utf8))
        #expect(throws: AtomicFileError.self) { try AtomicFile.exchange(folder.appendingPathComponent("none"), with: second) }
    }

    @Test func aHeldLockIsWaitedForWithABound() throws {
        let lockPath = folder.appendingPathComponent("tracking.json.lock").path
        // Another process takes the lock and keeps it until killed (the holder is ready once it has it).
        let holder = try LockHolder(path: lockPath)
        defer { holder.release() }

        let started = Date()
        do {
            _ = try FileLock(path: lockPath, timeout: 0.5)
            Issue.record("took a lock another process holds")
        } catch {
            #expect(error.code == EWOULDBLOCK)
            #expect(error.description.contains("held this lock for more than 0.5 s"), "\(error)")
        }
        let waited = Date().timeIntervalSince(started)
        #expect(waited >= 0.5 && waited < 3, "waited \(waited) s")

        holder.release()
        let lock = try FileLock(path: lockPath, timeout: 5)
        lock.unlock()
    }
}
