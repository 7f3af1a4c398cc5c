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
/// Other programs update the file by reading it, adding a key and writing it back, with no lock.
/// Just before replacing the file, the export re-reads it and merges what it finds. The window
/// between that read and the rename is closed too: the export keeps the old file open, and if
/// anything was written to it by the time the new file is in place, it reads those bytes through
/// the still-open descriptor, merges them, and writes again.
///
/// ```swift
/// let report = try TrackingExport.run(store: store, to: paths.trackingFile)
/// print("merged \(report.merged.count) appended entries, wrote \(report.written)")
/// ```
public enum TrackingExport {
    public struct Report: Sendable {
        /// Entries written.
        public var written: Int
        /// Ids found in the file but not in the database, now imported.
        public var merged: [String]
        /// True when neither the database nor the file had changed since the last export: nothing was read or written.
        public var unchanged = false
    }

    /// How often the export starts over because the file changed under it before giving up.
    static let maximumRounds = 50

    /// - Parameters:
    ///   - batchMetadataFolder: where appended entries' request files are (default: `batch_metadata/`
    ///     beside the file, the legacy layout), so a job merged here keeps its prompt, title and WebP wish.
    ///   - skipIfUnchanged: return at once when the database and the file are exactly as the last
    ///     export left them (the idle cron run).
    public static func run(store: JobStore, to file: URL, batchMetadataFolder: URL? = nil,
                           now: Date = Date(), skipIfUnchanged: Bool = false) throws -> Report {
        try AtomicFile.createFolder(file.deletingLastPathComponent())
        let requestFolder = batchMetadataFolder
            ?? file.deletingLastPathComponent().appendingPathComponent("batch_metadata", isDirectory: true)
        let lock = try FileLock(path: file.path + ".lock")
        defer { lock.unlock() }
        if skipIfUnchanged, let last = try ExportFingerprint.stored(in: store, for: file),
           last == ExportFingerprint(jobs: try store.jobsFingerprint(), file: FileIdentity(path: file.path)) {
            return Report(written: 0, merged: [], unchanged: true)
        }
        var merged: [String] = []
        for _ in 0..<maximumRounds {
            let current = try OpenFile(path: file.path)
            defer { current?.close() }
            // Read before the rows: a change after this point makes the next run's comparison fail, never pass.
            var jobsFingerprint = try store.jobsFingerprint()
            var entries = try exportedEntries(store)
            if let current {
                do {
                    let imported = try mergeFile(bytes: current.readAll(), file: file.path, requestFolder: requestFolder,
                                                 into: store, exported: entries, now: now)
                    merged += imported.inserted
                    if imported.changedDatabase {
                        jobsFingerprint = try store.jobsFingerprint()
                        entries = try exportedEntries(store)
                    }
                } catch let error as LegacyFormatError {
                    // A program writing the file in place leaves it half-written for a moment; a file
                    // that stays broken is reported, and never replaced, so its content is not lost.
                    if current.waitForChange(milliseconds: 250) { continue }
                    throw error
                }
            }
            let bytes = TrackingFile.render(entries)
            let temporary = try AtomicFile.writeTemporary(bytes, besides: file, mode: current?.mode ?? 0o644)
            // Someone replaced or rewrote the file since it was read: start over with their version.
            if let current, current.changedSinceOpened() || !current.isStill(at: file.path) {
                unlink(temporary.path)
                // Let a busy writer finish before reading again.
                usleep(useconds_t.random(in: 1_000...5_000))
                continue
            }
            if current == nil, FileManager.default.fileExists(atPath: file.path) {
                unlink(temporary.path)
                continue
            }
            try AtomicFile.commit(temporary: temporary, to: file)
            // A writer that opened the old file before the rename wrote into the old inode: merge it.
            if let current, current.changedSinceOpened() {
                merged += try mergeLateWrite(current, file: file.path, requestFolder: requestFolder, into: store, now: now)
                continue
            }
            try ExportFingerprint(jobs: jobsFingerprint, file: FileIdentity(path: file.path)).store(in: store, for: file)
            return Report(written: entries.count, merged: merged)
        }
        throw LegacyFormatError.busy(file: file.path)
    }

    /// Imports what the file holds that the database lacks (new entries, extra fields). The merge
    /// rules never let the file's older view regress the database.
    /// The database as the tracking file shows it: every bound job, oldest submission first.
    static func exportedEntries(_ store: JobStore) throws -> [TrackingEntry] {
        try store.jobs(order: .submittedAscending).filter { !$0.job.isUnboundIntent }.map(trackingEntry)
    }

    /// Brings into the database what other programs added to the file: entries with ids it does not
    /// know (with their request files), and fields they added to known entries. A known entry's status,
    /// times and counts are the database's: the file only holds what the last export wrote, and taking
    /// them back would undo an operator's `retry` or `cancel` made since. Entries exactly as the
    /// database would export them cost nothing but the parse.
    static func mergeFile(bytes: [UInt8], file: String, requestFolder: URL? = nil, into store: JobStore,
                          exported: [TrackingEntry]? = nil, now: Date) throws -> (inserted: [String], changedDatabase: Bool) {
        let entries = try TrackingFile.parse(Data(bytes), file: file)
        guard !entries.isEmpty else { return ([], false) }
        let current = Dictionary(try (exported ?? exportedEntries(store)).map { ($0.id, $0) },
                                 uniquingKeysWith: { first, _ in first })
        var appended: [TrackingEntry] = []
        var fieldUpdates: [JobImport] = []
        for entry in entries where current[entry.id] != entry {
            guard let mine = current[entry.id] else {
                appended.append(entry)
                continue
            }
            var fields = mine.extraFields
            for (key, value) in entry.extraFields.pairs { fields[key] = value }
            guard fields != mine.extraFields, let status = mine.status.flatMap(JobStatus.init(rawValue:)) else { continue }
            // Same status and no times: the merge rules then change nothing but the kept fields.
            fieldUpdates.append(JobImport(id: mine.id, status: status,
                                          legacyExtraJSON: JSONValue.object(fields).serialized()))
        }
        guard !appended.isEmpty || !fieldUpdates.isEmpty else { return ([], false) }
        // The legacy submitter writes the request file before the tracking entry: a new entry's file is there.
        var requests: [String: JSONObject] = [:]
        if let requestFolder {
            for entry in appended {
                let url = BatchMetadataFolder.fileURL(forJob: entry.id, in: requestFolder)
                if let object = try? BatchMetadataFolder.read(url) { requests[entry.id] = object }
            }
        }
        let (imports, _) = LegacyImport.jobImports(from: appended, requests: requests, file: file)
        let summary = try store.importJobs(imports + fieldUpdates, dryRun: false, now: now)
        return (summary.outcomes.filter { $0.outcome == .inserted }.map(\.id), summary.inserted + summary.updated > 0)
    }

    /// Merges what a writer put into the old file after the new one replaced it. The writer may still
    /// be busy (it truncated the file and is writing), so the old file is read again until it parses.
    static func mergeLateWrite(_ old: OpenFile, file: String, requestFolder: URL?, into store: JobStore,
                               now: Date) throws -> [String] {
        var lastError: Error?
        for attempt in 0..<100 {
            do {
                return try mergeFile(bytes: old.readAll(), file: file, requestFolder: requestFolder, into: store, now: now).inserted
            } catch let error as LegacyFormatError {
                lastError = error
                usleep(useconds_t(min(50_000, 2_000 * (attempt + 1))))
            }
        }
        throw lastError!
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

/// An open descriptor on the tracking file plus what it looked like when opened.
final class OpenFile {
    let descriptor: Int32
    let opened: stat

    /// `nil` when there is no file.
    init?(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw LegacyFormatError.unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        fstat(descriptor, &info)
        self.descriptor = descriptor
        self.opened = info
    }

    var mode: mode_t { opened.st_mode & 0o7777 }

    func readAll() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw LegacyFormatError.unreadable(file: "tracking file", reason: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            offset += off_t(count)
        }
    }

    /// True when the open file's size or modification time moved since it was opened.
    func changedSinceOpened() -> Bool {
        var now = stat()
        fstat(descriptor, &now)
        return now.st_size != opened.st_size || now.st_mtim.tv_sec != opened.st_mtim.tv_sec
            || now.st_mtim.tv_nsec != opened.st_mtim.tv_nsec
    }

    /// Polls (bounded) until the open file changes; false when it stayed as it was.
    func waitForChange(milliseconds: Int) -> Bool {
        for _ in 0..<max(1, milliseconds / 5) {
            if changedSinceOpened() { return true }
            usleep(5_000)
        }
        return changedSinceOpened()
    }

    /// True when `path` still names this file (nobody renamed another file over it).
    func isStill(at path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_ino == opened.st_ino && info.st_dev == opened.st_dev
    }

    func close() { Glibc.close(descriptor) }
}

/// An exclusive `flock` on a lock file, so two pfc-jobs exports never interleave.
struct FileLock {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LegacyFormatError.writeFailed(file: path, reason: String(cString: strerror(errno))) }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno != EINTR { throw LegacyFormatError.writeFailed(file: path, reason: String(cString: strerror(errno))) }
        }
    }

    func unlock() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
