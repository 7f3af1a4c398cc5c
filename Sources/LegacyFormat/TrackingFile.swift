import Foundation
import OrderedJSON
import AtomicFiles

/// Reads and renders `batch_jobs_tracking.json`: one object keyed by job id. Writing it goes through
/// ``TrackingExport`` only, which never replaces what another program added.
///
/// ```swift
/// let entries = try TrackingFile.read(at: paths.trackingFile)   // [] when the file does not exist
/// let bytes = TrackingFile.render(entries)
/// ```
public enum TrackingFile {
    /// The entries in file order; a missing file has none. The file is opened without following a
    /// symbolic link or blocking on a FIFO (either is refused, naming it). This is one plain read; the
    /// paths that bring the file into the database wait for a writer at work (``TrackingPickUp``).
    public static func read(at url: URL) throws(LegacyFormatError) -> [TrackingEntry] {
        var info = stat()
        if lstat(url.path, &info) == 0 { try checkSize(Int64(info.st_size), file: url.path) }
        let bytes: [UInt8]?
        do { bytes = try AtomicFile.readRegularFile(at: url) } catch { throw .reading(error) }
        guard let bytes else { return [] }
        return try parse(Data(bytes), file: url.path)
    }

    /// The largest tracking file read: 100k jobs take about 30 MB, and parsing holds several times the file's
    /// size, so a larger one is refused with a clear error rather than read into gigabytes of memory.
    public static let maxBytes: Int64 = 256 << 20

    static func checkSize(_ size: Int64, file: String) throws(LegacyFormatError) {
        guard size <= maxBytes else {
            throw .unreadable(file: file, reason: "it is \(size) bytes, more than the \(maxBytes >> 20) MB a tracking file can need; not read")
        }
    }

    /// Parses the file's bytes; `file` names it in errors. Text is read exactly: invalid UTF-8 or a lone
    /// surrogate anywhere is refused (``LegacyFormatError/inexactText(file:reason:)``), and so is an id
    /// that cannot name a job exactly (``LegacyJobID``): export writes the file back, and must not change it.
    public static func parse(_ data: Data, file: String) throws(LegacyFormatError) -> [TrackingEntry] {
        // An empty file is what a crashed legacy writer leaves, or a writer at work; it holds no jobs.
        if isBlank(data) { return [] }
        let document: JSONValue
        do throws(JSONParseError) { document = try JSONValue.parse(data, exactText: true) } catch {
            if error.kind == .inexactText { throw .inexactText(file: file, reason: error.description) }
            throw .invalidJSON(file: file, reason: error.description)
        }
        guard let object = document.objectValue else { throw .notAnObject(file: file) }
        var entries: [TrackingEntry] = []
        entries.reserveCapacity(object.count)
        for (id, value) in object.pairs {
            if let problem = LegacyJobID.problem(with: id) { throw .invalidID(file: file, entry: id, reason: problem) }
            entries.append(try entry(id: id, value: value, file: file))
        }
        return entries
    }

    /// Only spaces, tabs and line breaks (or nothing).
    static func isBlank<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    static func entry(id: String, value: JSONValue, file: String) throws(LegacyFormatError) -> TrackingEntry {
        guard let fields = value.objectValue else {
            throw .entryNotAnObject(file: file, entry: id, found: value.typeName)
        }
        let reader = FieldReader(fields: fields, file: file, entry: id)
        var entry = TrackingEntry(id: id)
        entry.status = try reader.string("status")
        entry.submittedAt = try reader.time("submitted_at")
        entry.lastChecked = try reader.time("last_checked")
        entry.completedAt = try reader.time("completed_at")
        entry.retrieved = try reader.bool("retrieved")
        entry.checkCount = try reader.count("check_count")
        if let named = try reader.string("batch_job_id"), let problem = LegacyJobID.problem(with: named) {
            throw .invalidID(file: file, entry: id, reason: "field \"batch_job_id\": " + problem)
        }
        var extra = JSONObject()
        for (key, field) in fields.pairs where !TrackingEntry.legacyFields.contains(key) {
            extra[key] = field
        }
        entry.extraFields = extra
        return entry
    }

    /// The file's JSON for these entries: the seven legacy fields in legacy order, then the kept
    /// extra fields, entries in the given order, two-space indent as the legacy writer used.
    public static func render(_ entries: [TrackingEntry]) -> [UInt8] {
        var document = JSONObject()
        for entry in entries {
            var fields = JSONObject()
            fields["batch_job_id"] = .string(entry.id)
            fields["status"] = JSONValue(entry.status)
            fields["submitted_at"] = JSONValue(entry.submittedAt.map(LegacyTime.format))
            fields["last_checked"] = JSONValue(entry.lastChecked.map(LegacyTime.format))
            fields["completed_at"] = JSONValue(entry.completedAt.map(LegacyTime.format))
            fields["retrieved"] = .bool(entry.retrieved ?? false)
            fields["check_count"] = JSONValue(entry.checkCount ?? 0)
            for (key, value) in entry.extraFields.pairs { fields[key] = value }
            document[entry.id] = .object(fields)
        }
        return JSONValue.object(document).serializedBytes(style: .pretty)
    }
}
