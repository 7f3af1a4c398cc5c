import Foundation
import OrderedJSON
import AtomicFiles

/// Reads and writes `batch_jobs_tracking.json`: one object keyed by job id.
///
/// ```swift
/// let entries = try TrackingFile.read(at: paths.trackingFile)   // [] when the file does not exist
/// try TrackingFile.write(entries, to: paths.trackingFile)        // atomic, mode kept
/// ```
public enum TrackingFile {
    /// The entries in file order; a missing file has none.
    public static func read(at url: URL) throws(LegacyFormatError) -> [TrackingEntry] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(file: url.path, reason: (error as NSError).localizedDescription)
        }
        return try parse(data, file: url.path)
    }

    /// Parses the file's bytes; `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws(LegacyFormatError) -> [TrackingEntry] {
        // An empty file is what a crashed legacy writer leaves; it holds no jobs.
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [] }
        let document: JSONValue
        do throws(JSONParseError) { document = try JSONValue.parse(data) } catch {
            throw .invalidJSON(file: file, reason: error.description)
        }
        guard let object = document.objectValue else { throw .notAnObject(file: file) }
        var entries: [TrackingEntry] = []
        entries.reserveCapacity(object.count)
        for (id, value) in object.pairs {
            entries.append(try entry(id: id, value: value, file: file))
        }
        return entries
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
        _ = try reader.string("batch_job_id")
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

    /// Writes the entries atomically, keeping the existing file's mode.
    public static func write(_ entries: [TrackingEntry], to url: URL) throws(LegacyFormatError) {
        do {
            try AtomicFile.write(render(entries), to: url)
        } catch {
            throw .writeFailed(file: url.path, reason: "\(error)")
        }
    }
}
