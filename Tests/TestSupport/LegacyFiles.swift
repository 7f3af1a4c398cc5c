import Foundation

/// The legacy tools' files as the old submitter wrote them (batch_jobs_tracking.json and the per-job request
/// files under batch_metadata/), and the script that plays a legacy tool appending to the tracking file.
public enum LegacyFiles {
    /// Tests/Scripts/legacy_writer.py: `MODE PATH PREFIX COUNT PAUSE SIGNAL GAP` (see the script's header).
    public static let writerScript = Repository.url("Tests/Scripts/legacy_writer.py")

    /// The ids legacy_writer.py adds for `prefix` and `count`: `batches/<prefix>00000`...
    public static func writerIDs(prefix: String, count: Int) -> [String] {
        (0..<count).map { String(format: "batches/%@%05d", prefix, $0) }
    }

    /// One pending entry, never checked, as the old submitter wrote it.
    public static func pendingEntry(id: String, submittedAt: String = "2026-02-07T21:00:00.123456") -> [String: Any] {
        ["batch_job_id": id, "status": "pending", "submitted_at": submittedAt,
         "last_checked": NSNull(), "completed_at": NSNull(), "retrieved": false, "check_count": 0]
    }

    /// Writes a tracking file holding one pending entry per id (its folder made when missing).
    public static func writeTrackingFile(_ url: URL, ids: [String], submittedAt: String = "2026-02-07T21:00:00.123456") throws {
        var document: [String: Any] = [:]
        for id in ids { document[id] = pendingEntry(id: id, submittedAt: submittedAt) }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys]).write(to: url)
    }

    /// The per-job request file, at `folder` + id + `.json` (a subfolder for `batches/...`), with `batch_job_id` set.
    public static func writeRequest(in folder: URL, id: String, _ fields: [String: Any]) throws {
        let url = folder.appendingPathComponent(id + ".json")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var object = fields
        object["batch_job_id"] = id
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: url)
    }
}
