import Foundation
import JobStore
import OrderedJSON

/// Brings into the database what other programs added to `batch_jobs_tracking.json`. The one owner of
/// "tracking file → database": `check`'s pick-up (``run(trackingFile:batchMetadataFolder:into:now:waits:)``),
/// the export's merge before it rewrites the file (``TrackingExport``) and `import-json` (``LegacyImport``)
/// read the file and the request files by the same rules:
///
/// - the file is read once it settled (``TrackingSnapshot``: a writer at work is waited for, bounded);
///   a symbolic link or FIFO at its name is refused, and so is an id that cannot be kept exactly;
/// - an appended entry is taken with its `batch_metadata` file; when that file is there but cannot be
///   used (a link, unreadable, not a JSON object), the entry is **held back** until it is fixed: not
///   inserted without its WebP wish and title, kept in the file by the export, and named in the report
///   (`import-json` refuses the whole import instead, exit 2);
/// - a known entry's status, times and counts stay the database's: the file only holds what the last
///   export wrote, and taking them back would undo an operator's `retry` or `cancel`.
///
/// ```swift
/// let report = try TrackingPickUp.run(trackingFile: paths.trackingFile,
///                                     batchMetadataFolder: paths.batchMetadataFolder, into: store)
/// for held in report.heldBack { logger.error("\(held.id): \(held.reason)") }
/// ```
public enum TrackingPickUp {
    /// An entry left in the file and not taken this time, with the reason (naming the file to fix).
    public struct HeldBack: Sendable, Equatable {
        public var id: String
        public var reason: String
        public var entry: TrackingEntry
    }

    /// What a pick-up did.
    public struct Report: Sendable {
        /// Ids inserted into the database.
        public var inserted: [String] = []
        public var heldBack: [HeldBack] = []
        /// The file was exactly as the last export left it: nothing was read.
        public var unchanged = false
    }

    /// Inserts the entries of the tracking file that the database does not know, with their request
    /// files; rows already stored are not touched. Skipped at no cost when the file is exactly as the
    /// last export left it.
    /// - Throws: ``LegacyFormatError`` for a file that is refused or did not settle (nothing was taken).
    public static func run(trackingFile: URL, batchMetadataFolder: URL, into store: JobStore, now: Date = Date(),
                           waits: TrackingFileWaits = .standard) throws -> Report {
        if TrackingExport.fileUnchangedSinceLastExport(trackingFile, store: store) { return Report(unchanged: true) }
        let expected = try ExportFingerprint.stored(in: store, for: trackingFile)?.entryCount
        guard let snapshot = try TrackingSnapshot.read(trackingFile, expectingAtLeast: expected, waits: waits) else {
            return Report()
        }
        let known = try store.jobIDs()
        let appended = snapshot.entries.filter { !known.contains($0.id) }
        guard !appended.isEmpty else { return Report() }
        let (imports, heldBack) = take(appended, requestFolder: batchMetadataFolder, file: trackingFile.path)
        let inserted = try store.insertMissingJobs(imports, now: now)
        return Report(inserted: inserted, heldBack: heldBack)
    }

    /// What ``merge(_:file:requestFolder:into:exported:now:)`` did.
    struct MergeResult {
        var inserted: [String] = []
        var changedDatabase = false
        var heldBack: [HeldBack] = []
    }

    /// The export's merge: entries with ids the database does not know (with their request files), and
    /// fields other programs added to known entries. Entries exactly as the database would export them
    /// cost nothing but the comparison.
    static func merge(_ entries: [TrackingEntry], file: String, requestFolder: URL, into store: JobStore,
                      exported: [TrackingEntry], now: Date) throws -> MergeResult {
        guard !entries.isEmpty else { return MergeResult() }
        let current = Dictionary(exported.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
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
            fieldUpdates.append(JobImport(id: mine.id, status: status, legacyExtraJSON: JSONValue.object(fields).serialized()))
        }
        guard !appended.isEmpty || !fieldUpdates.isEmpty else { return MergeResult() }
        let (imports, heldBack) = take(appended, requestFolder: requestFolder, file: file)
        guard !imports.isEmpty || !fieldUpdates.isEmpty else { return MergeResult(heldBack: heldBack) }
        let summary = try store.importJobs(imports + fieldUpdates, dryRun: false, now: now)
        return MergeResult(inserted: summary.outcomes.filter { $0.outcome == .inserted }.map(\.id),
                           changedDatabase: summary.inserted + summary.updated > 0, heldBack: heldBack)
    }

    /// The imports for appended entries, and those held back: a blank id, or a request file that is
    /// there but cannot be used. The legacy submitter writes the request file before the tracking entry,
    /// so a new entry's file is normally there; one that is missing means the job asked for nothing special.
    static func take(_ appended: [TrackingEntry], requestFolder: URL,
                     file: String) -> (imports: [JobImport], heldBack: [HeldBack]) {
        var imports: [JobImport] = []
        var heldBack: [HeldBack] = []
        for entry in appended {
            if entry.id.allSatisfy(\.isWhitespace) {
                heldBack.append(HeldBack(id: entry.id, reason: "empty job id; the entry is kept in \(file) as it is", entry: entry))
                continue
            }
            do {
                let request = try BatchMetadataFolder.request(forJob: entry.id, in: requestFolder)
                imports.append(LegacyImport.jobImport(from: entry, request: request))
            } catch {
                heldBack.append(HeldBack(id: entry.id, reason: "not taken until its request file is fixed: \(error)", entry: entry))
            }
        }
        return (imports, heldBack)
    }
}
