import Foundation
import AtomicFiles
import JobStore
import OrderedJSON
#if canImport(Glibc)
import Glibc
#endif

/// Writes the job database back to `batch_jobs_tracking.json` for the tools that still read it,
/// without losing entries that other programs append to the file.
///
/// Other programs update the file by reading it, adding a key and writing it back, with no lock: some
/// in place (`open(path, "w")`, then `json.dump`), some through a temporary file and a rename. So:
/// - the file is read once it settled (``TrackingSnapshot``): an empty, half-written or shrunken file is a
///   writer at work, waited for (bounded); one that does not settle is left alone this run
///   (``LegacyFormatError/unsettled(file:state:seconds:)``);
/// - what it holds that the database lacks is merged first (``TrackingPickUp``), then the new file is
///   written to a temporary name and swapped with the old one atomically (`renameat2(RENAME_EXCHANGE)`).
///   The old file is still there after the swap: if it is not byte for byte what was merged (a writer
///   replaced it, or truncated it to write in place, in the moment before the swap), what it holds is
///   merged once its writer finished (one still writing past the wait is kept aside for the next export),
///   and the export starts over so the file holds it too. Should writers keep changing the file for every
///   round, the export ends with the last file it put in place: it lacks only what the database took
///   from theirs, and the next run writes that out. Where the file system cannot exchange (some network file systems), the export renames
///   over the file and then reads a late write to the old file through its still-open descriptor, as
///   far as the writer finished within the wait.
///
/// A symbolic link or FIFO at the file's name is refused; `<file>.lock` keeps two pfc-jobs exports from
/// interleaving and is waited for at most ``TrackingFileWaits/lockSeconds``.
///
/// ```swift
/// let report = try TrackingExport.run(store: store, to: paths.trackingFile)
/// print("merged \(report.merged.count) appended entries, wrote \(report.written)")
/// ```
public enum TrackingExport {
    /// What one export did.
    public struct Report: Sendable {
        /// Entries written from the database.
        public var written: Int
        /// Ids found in the file but not in the database, now imported.
        public var merged: [String]
        /// True when neither the database nor the file had changed since the last export: nothing was read or written.
        public var unchanged = false
        /// Entries of the file that could not be taken yet (their request file is broken); written back as they were.
        public var heldBack: [TrackingPickUp.HeldBack] = []
    }

    /// How often the export starts over because the file changed under it before giving up.
    static let maximumRounds = 50

    /// - Parameters:
    ///   - batchMetadataFolder: where appended entries' request files are (default: `batch_metadata/`
    ///     beside the file, the legacy layout), so a job merged here keeps its prompt, title and WebP wish.
    ///   - skipIfUnchanged: return at once when the database and the file are exactly as the last
    ///     export left them (the idle cron run).
    /// - Throws: ``LegacyFormatError``; for one with ``LegacyFormatError/isAnotherWriterAtWork`` nothing
    ///   was replaced and a later run tries again.
    public static func run(store: JobStore, to file: URL, batchMetadataFolder: URL? = nil,
                           now: Date = Date(), skipIfUnchanged: Bool = false,
                           waits: TrackingFileWaits = .standard) throws -> Report {
        do { try AtomicFile.createFolder(file.deletingLastPathComponent()) } catch {
            throw LegacyFormatError.writeFailed(file: file.path, reason: error.description)
        }
        let requestFolder = batchMetadataFolder
            ?? file.deletingLastPathComponent().appendingPathComponent("batch_metadata", isDirectory: true)
        let lock = try takeLock(for: file, waits: waits)
        defer { lock.unlock() }
        // Machines sharing a PostgreSQL database (and the images root) never export at once either.
        let machinesLock = try takeStoreLock(store, for: file, waits: waits)
        defer { machinesLock.unlock() }
        let last = try ExportFingerprint.stored(in: store, for: file)
        if skipIfUnchanged, let last, last.matches(jobs: try store.jobsFingerprint(), file: FileIdentity(path: file.path)) {
            return Report(written: 0, merged: [], unchanged: true)
        }
        let recovered = try recoverSwappedOutFiles(of: file, requestFolder: requestFolder, into: store, now: now)
        var merged = recovered.merged
        // Entries taken from files met on the way that could not go into the database yet: written back.
        var carried = recovered.heldBack
        var keptAside = recovered.pending
        let deadline = Date().addingTimeInterval(waits.exportSeconds)
        // The last file put in place, should the rounds run out while writers keep changing the file: it
        // lacks only what the database already took from theirs, so the next export writes that out.
        var placed: (jobs: String, count: Int, heldBack: [TrackingPickUp.HeldBack])?
        for _ in 0..<maximumRounds where Date() < deadline {
            let snapshot = try TrackingSnapshot.read(file, expectingAtLeast: last?.entryCount, waits: waits)
            // Read before the rows: a change after this point makes the next run's comparison fail, never pass.
            var jobsFingerprint = try store.jobsFingerprint()
            var entries = try exportedEntries(store)
            var heldBack: [TrackingPickUp.HeldBack] = []
            if let snapshot {
                let result = try TrackingPickUp.merge(snapshot.entries, file: file.path, requestFolder: requestFolder,
                                                      into: store, exported: entries, now: now)
                merged += result.inserted
                heldBack = result.heldBack
                if result.changedDatabase {
                    jobsFingerprint = try store.jobsFingerprint()
                    entries = try exportedEntries(store)
                }
            }
            let stored = Set(entries.map(\.id))
            for held in carried where !stored.contains(held.id) && !heldBack.contains(where: { $0.id == held.id }) {
                heldBack.append(held)
            }
            let bytes = TrackingFile.render(entries + heldBack.map(\.entry))
            let temporary: URL
            do { temporary = try AtomicFile.writeTemporary(bytes, besides: file, mode: snapshot?.file.mode ?? 0o644) } catch {
                throw LegacyFormatError.writeFailed(file: file.path, reason: error.description)
            }
            let written = FileIdentity(path: temporary.path)
            let placement = try place(temporary, at: file, replacing: snapshot, requestFolder: requestFolder,
                                      store: store, now: now, waits: waits)
            merged += placement.merged
            carried = heldBack + placement.heldBack
            keptAside = keptAside || placement.keptAside
            if placement.inPlace { placed = (jobsFingerprint, entries.count, heldBack) }
            guard placement.done else { continue }
            // With entries held back, or a file kept aside, the file identity is not kept: the next run
            // reads again (and takes the kept file).
            let identity = heldBack.isEmpty && !keptAside ? written : nil
            try ExportFingerprint(jobs: jobsFingerprint, file: identity, entryCount: entries.count + heldBack.count)
                .store(in: store, for: file)
            return Report(written: entries.count, merged: merged, heldBack: heldBack)
        }
        if let placed {
            try ExportFingerprint(jobs: placed.jobs, file: nil, entryCount: placed.count + placed.heldBack.count).store(in: store, for: file)
            return Report(written: placed.count, merged: merged, heldBack: placed.heldBack)
        }
        throw LegacyFormatError.busy(file: file.path)
    }

    /// The database as the tracking file shows it: every bound job, oldest submission first.
    static func exportedEntries(_ store: JobStore) throws -> [TrackingEntry] {
        try store.jobs(order: .submittedAscending).filter { !$0.job.isUnboundIntent }.map(trackingEntry)
    }

    /// `<file>.lock`, waited for with a bound.
    static func takeLock(for file: URL, waits: TrackingFileWaits) throws(LegacyFormatError) -> FileLock {
        do {
            return try FileLock(path: file.path + ".lock", timeout: waits.lockSeconds)
        } catch {
            if error.code == EWOULDBLOCK { throw .lockTimeout(file: error.path, reason: error.detail ?? "held by another process") }
            if let detail = error.detail { throw .refused(file: error.path, reason: detail) }
            throw .writeFailed(file: error.path, reason: String(cString: strerror(error.code)))
        }
    }

    /// The database's lock of this file's export, for the machines that share the database (free on SQLite).
    static func takeStoreLock(_ store: JobStore, for file: URL, waits: TrackingFileWaits) throws -> StoreLock {
        do {
            return try store.lockAcrossMachines("tracking-export:" + file.standardizedFileURL.path, timeoutSeconds: waits.lockSeconds)
        } catch JobStoreError.lockTimeout {
            throw LegacyFormatError.lockTimeout(file: file.path, reason: "its export is held by pfc-jobs on another machine")
        }
    }

    /// The legacy view of a stored job.
    public static func trackingEntry(_ listing: JobListing) -> TrackingEntry {
        let job = listing.job
        var extra = JSONObject()
        if let text = job.legacyExtraJSON, let object = try? JSONValue.parse(text).objectValue { extra = object }
        return TrackingEntry(
            id: job.id, status: LegacyStatus.legacyStatus(job.status),
            submittedAt: job.submittedAt?.microsecondsSinceEpoch,
            lastChecked: job.lastCheckedAt?.microsecondsSinceEpoch,
            completedAt: job.completedAt?.microsecondsSinceEpoch,
            retrieved: LegacyStatus.retrieved(job.status), checkCount: job.checkCount, extraFields: extra)
    }
}
