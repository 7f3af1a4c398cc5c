import Foundation
import JobStore
import OrderedJSON

/// Moves a legacy tracking file and its `batch_metadata/` folder into the job database, in one
/// transaction, idempotently.
///
/// ```swift
/// let report = try LegacyImport.run(trackingFile: paths.trackingFile,
///                                   batchMetadataFolder: paths.batchMetadataFolder,
///                                   into: store, dryRun: false)
/// print(report.summary.inserted, report.summary.updated, report.summary.unchanged, report.skipped.count)
/// ```
public enum LegacyImport {
    /// What an import did (or, for a dry run, would do).
    public struct Report: Sendable {
        public var summary: ImportSummary
        /// Entries not imported, with the reason.
        public var skipped: [(id: String, reason: String)]
    }

    /// Reads both sources completely before touching the database, so bad input changes nothing.
    /// The tracking file is read by the rules every path into the database shares (``TrackingPickUp``):
    /// a file another program is still writing is waited for (bounded by `waits`), a link or FIFO is
    /// refused; a request file that cannot be used fails the whole import, naming it.
    public static func run(trackingFile: URL, batchMetadataFolder: URL, into store: JobStore, dryRun: Bool,
                           now: Date = Date(), waits: TrackingFileWaits = .standard,
                           progress: ((String) -> Void)? = nil) throws -> Report {
        progress?("reading \(trackingFile.lastPathComponent)")
        let expected = try ExportFingerprint.stored(in: store, for: trackingFile)?.entryCount
        let entries = try TrackingSnapshot.read(trackingFile, expectingAtLeast: expected, waits: waits)?.entries ?? []
        progress?("reading batch_metadata/ (\(entries.count) entries)")
        let requests = try BatchMetadataFolder.readAll(in: batchMetadataFolder)
        let (imports, skipped) = jobImports(from: entries, requests: requests, file: trackingFile.path)
        let summary = try store.importJobs(imports, dryRun: dryRun, now: now) { done, total in
            progress?("importing \(done) of \(total)")
        }
        return Report(summary: summary, skipped: skipped)
    }

    /// Converts parsed entries (and their request files) into store imports; entries that cannot be
    /// used are returned as skipped with the reason.
    public static func jobImports(from entries: [TrackingEntry], requests: [String: JSONObject],
                                  file: String) -> (imports: [JobImport], skipped: [(id: String, reason: String)]) {
        var imports: [JobImport] = []
        var skipped: [(id: String, reason: String)] = []
        imports.reserveCapacity(entries.count)
        var seen = Set<String>()
        for entry in entries {
            if entry.id.allSatisfy(\.isWhitespace) {
                skipped.append((entry.id, "empty job id"))
                continue
            }
            seen.insert(entry.id)
            imports.append(jobImport(from: entry, request: requests[entry.id]))
        }
        for id in requests.keys.sorted() where !seen.contains(id) {
            skipped.append((id, "batch_metadata file without a tracking entry"))
        }
        return (imports, skipped)
    }

    static func jobImport(from entry: TrackingEntry, request: JSONObject?) -> JobImport {
        let (status, remoteState) = LegacyStatus.localStatus(legacy: entry.status, retrieved: entry.retrieved)
        return JobImport(
            id: entry.id, status: status, remoteState: remoteState,
            submittedAt: entry.submittedAt.map(Timestamp.init(microsecondsSinceEpoch:)),
            lastCheckedAt: entry.lastChecked.map(Timestamp.init(microsecondsSinceEpoch:)),
            completedAt: entry.completedAt.map(Timestamp.init(microsecondsSinceEpoch:)),
            checkCount: entry.checkCount ?? 0,
            requestMetadataJSON: request.map { JSONValue.object($0).serialized() },
            legacyExtraJSON: entry.extraFields.isEmpty ? nil : JSONValue.object(entry.extraFields).serialized()
        )
    }
}
