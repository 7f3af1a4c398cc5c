import Foundation
import AtomicFiles
import JobStore
#if canImport(Glibc)
import Glibc
#endif

extension TrackingExport {
    /// What putting one rendered file in place came to.
    struct Placement {
        /// The new file is in place and holds everything: the export is done.
        var done: Bool
        /// The new file is in place (it may lack what was merged on the way, which the database has).
        var inPlace = false
        /// Ids merged from a file met on the way.
        var merged: [String] = []
        /// Entries of a file met on the way that could not be taken yet; the next round writes them back.
        var heldBack: [TrackingPickUp.HeldBack] = []
        /// A swapped-out file still being written was kept under its temporary name for a later export.
        var keptAside = false
    }

    /// Puts the rendered temporary file at `file`, never losing what another program wrote there since
    /// `snapshot` was read. Not done: start over, so the file also holds what was merged on the way.
    static func place(_ temporary: URL, at file: URL, replacing snapshot: TrackingSnapshot?, requestFolder: URL,
                      store: JobStore, now: Date, waits: TrackingFileWaits) throws -> Placement {
        guard let snapshot else {
            // There was no file: appear only if there still is none (link(2) does not replace one made meanwhile).
            do throws(AtomicFileError) {
                try AtomicFile.commit(temporary: temporary, to: file, replacing: false)
                return Placement(done: true, inPlace: true)
            } catch where error.code == EEXIST {
                return Placement(done: false)
            } catch {
                throw LegacyFormatError.writeFailed(file: file.path, reason: error.description)
            }
        }
        let exchanged: Bool
        do { exchanged = try AtomicFile.exchange(temporary, with: file) } catch {
            unlink(temporary.path)
            throw LegacyFormatError.writeFailed(file: file.path, reason: error.description)
        }
        guard exchanged else {
            return try placeByRename(temporary, at: file, replacing: snapshot, requestFolder: requestFolder,
                                     store: store, now: now, waits: waits)
        }
        // `temporary` now names what was at `file` a moment ago. Exactly what was merged: nothing is lost
        // by deleting it (a writer that had opened it to write in place would have truncated it).
        if let old = try? ReadOnlyFile(path: temporary.path), let oldBytes = try? old.readAll(),
           oldBytes == snapshot.bytes, !old.changedSinceOpened() {
            unlink(temporary.path)
            return Placement(done: true, inPlace: true)
        }
        return try takeSwappedOut(temporary, from: file, requestFolder: requestFolder, store: store, now: now, waits: waits)
    }

    /// The swapped-out file is not what was merged: a writer replaced the file, or truncated it to write
    /// in place, just before the swap. It is not put back (readers may already have based an update on
    /// the new file, and would then write over it); what it holds is taken before it goes. One still
    /// being written past the wait is kept aside under its temporary name: its writer finishes into it,
    /// and the next export takes it (``recoverSwappedOutFiles(of:requestFolder:into:now:)``).
    static func takeSwappedOut(_ swapped: URL, from file: URL, requestFolder: URL, store: JobStore, now: Date,
                               waits: TrackingFileWaits) throws -> Placement {
        let old: TrackingSnapshot?
        do throws(LegacyFormatError) {
            old = try TrackingSnapshot.read(swapped, expectingAtLeast: nil, waits: waits)
        } catch .refused(let path, let reason) {
            // A link or FIFO planted a moment before the swap: it goes back where it was, and is refused.
            _ = try? AtomicFile.exchange(swapped, with: file)
            unlink(swapped.path)
            throw LegacyFormatError.refused(file: file.path, reason: reason + " (seen at \(path))")
        } catch {
            return Placement(done: false, inPlace: true, keptAside: true)
        }
        guard let old else { return Placement(done: false, inPlace: true) }
        let result = try TrackingPickUp.merge(old.entries, file: file.path, requestFolder: requestFolder, into: store,
                                              exported: exportedEntries(store), now: now)
        unlink(swapped.path)
        // Let a writer busy with a burst of updates finish before the next round reads again.
        usleep(useconds_t.random(in: 1_000...10_000))
        return Placement(done: false, inPlace: true, merged: result.inserted, heldBack: result.heldBack)
    }

    /// Where `renameat2(RENAME_EXCHANGE)` is not supported: rename over the file, then read what a writer
    /// that had the old file open wrote into it, through the descriptor still open on it. A writer that
    /// pauses longer than the settle wait loses what it writes later: the reason to prefer the exchange.
    static func placeByRename(_ temporary: URL, at file: URL, replacing snapshot: TrackingSnapshot, requestFolder: URL,
                              store: JobStore, now: Date, waits: TrackingFileWaits) throws -> Placement {
        if snapshot.file.changedSinceOpened() || !snapshot.file.isStill(at: file.path) {
            unlink(temporary.path)
            usleep(useconds_t.random(in: 1_000...5_000))  // let a busy writer finish before reading again
            return Placement(done: false)
        }
        do { try AtomicFile.commit(temporary: temporary, to: file) } catch {
            unlink(temporary.path)
            throw LegacyFormatError.writeFailed(file: file.path, reason: error.description)
        }
        guard snapshot.file.changedSinceOpened() else { return Placement(done: true, inPlace: true) }
        let deadline = Date().addingTimeInterval(waits.settleSeconds)
        while true {
            if let bytes = try? snapshot.file.readAll(), !TrackingFile.isBlank(bytes),
               let entries = try? TrackingFile.parse(Data(bytes), file: file.path) {
                let result = try TrackingPickUp.merge(entries, file: file.path, requestFolder: requestFolder, into: store,
                                                      exported: exportedEntries(store), now: now)
                return Placement(done: false, inPlace: true, merged: result.inserted, heldBack: result.heldBack)
            }
            guard Date() < deadline else {
                throw LegacyFormatError.unsettled(file: file.path, state: "the replaced file was still being written",
                                                  seconds: waits.settleSeconds)
            }
            usleep(5_000)
        }
    }

    /// Files an export swapped out and could not finish with: kept aside while a writer was still writing
    /// them, or left by an export killed between its swap and the delete. Under the export's lock no other
    /// export is placing a file, so every such file is a leftover: what it holds is merged, then it is
    /// deleted. One that does not parse stays while it is younger than ten minutes (a writer may still be
    /// at work on it), then is deleted (a half-written temporary file of a crashed export).
    static func recoverSwappedOutFiles(of file: URL, requestFolder: URL, into store: JobStore,
                                       now: Date) throws -> (merged: [String], heldBack: [TrackingPickUp.HeldBack], pending: Bool) {
        let folder = file.deletingLastPathComponent()
        let suffix = "-" + file.lastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return ([], [], false) }
        var merged: [String] = []
        var heldBack: [TrackingPickUp.HeldBack] = []
        var pending = false
        for name in names.sorted() where name.hasPrefix(AtomicFile.temporaryPrefix) && name.hasSuffix(suffix) {
            let path = folder.appendingPathComponent(name).path
            guard let leftover = try? ReadOnlyFile(path: path), let bytes = try? leftover.readAll() else { continue }
            if !TrackingFile.isBlank(bytes), let entries = try? TrackingFile.parse(Data(bytes), file: path) {
                let result = try TrackingPickUp.merge(entries, file: path, requestFolder: requestFolder, into: store,
                                                      exported: exportedEntries(store), now: now)
                merged += result.inserted
                heldBack += result.heldBack
                unlink(path)
            } else if isIncomplete(bytes), Date().timeIntervalSince1970 - Double(leftover.opened.st_mtim.tv_sec) > 600 {
                unlink(path)
            } else {
                // Young, or complete JSON that is refused (an id that cannot be kept): kept, never deleted unread.
                pending = true
            }
        }
        return (merged, heldBack, pending)
    }

    /// Empty or not valid JSON: what a writer that never finished leaves, holding nothing to take.
    static func isIncomplete(_ bytes: [UInt8]) -> Bool {
        guard !TrackingFile.isBlank(bytes) else { return true }
        do throws(LegacyFormatError) {
            _ = try TrackingFile.parse(Data(bytes), file: "")
            return false
        } catch {
            if case .invalidJSON = error { return true }
            return false
        }
    }
}
