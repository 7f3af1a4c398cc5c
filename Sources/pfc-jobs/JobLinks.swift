import JobStore
import LegacyFormat
import OrderedJSON

/// What `show` tells about a job beyond its own row: the job it was resubmitted from, the jobs resubmitted
/// from it (both directions of the link `resubmit` records), and when its batch was deleted on the API.
struct JobLinks {
    var resubmittedFrom: String?
    var followUps: [Job]
    var remoteDeletedAt: Timestamp?

    init(job: Job, store: JobStore) throws {
        resubmittedFrom = job.requestMetadata.resubmittedFrom
        followUps = try store.followUps(of: job.id)
        remoteDeletedAt = try store.remoteDeletedAt(id: job.id)
    }

    /// Lines for the text view (names fit its 14-column field).
    var fields: [(String, String)] {
        var fields: [(String, String)] = []
        if let resubmittedFrom { fields.append(("resubmit of", resubmittedFrom)) }
        if !followUps.isEmpty {
            fields.append(("resubmitted", followUps.map { "\($0.id) (\($0.status.rawValue))" }.joined(separator: ", ")))
        }
        if let remoteDeletedAt { fields.append(("remote batch", "deleted \(JobPresentation.humanTime(remoteDeletedAt))")) }
        return fields
    }

    /// `resubmitted_from`, `resubmitted_as` (ids, oldest first) and `remote_deleted_at` for `show --json`.
    func add(to object: inout JSONObject) {
        object["resubmitted_from"] = JSONValue(resubmittedFrom)
        object["resubmitted_as"] = .array(followUps.map { JSONValue($0.id) })
        object["remote_deleted_at"] = JobPresentation.jsonTime(remoteDeletedAt)
    }
}
