import JobStore
import LegacyFormat
import OrderedJSON

/// The JSON objects scripts and MCP clients read about jobs: one per job as `list --json` prints it, and the
/// whole job with its request, images and history as `show --json` prints it. One builder, so the CLI and the
/// MCP server (`pfc-jobs mcp`) never drift apart.
///
/// ```swift
/// let rows = try store.jobs(status: .pending).map { JSONValue.object(JobJSON.listing($0)) }
/// print(JSONValue.array(rows).serialized(style: .pretty))
/// ```
public enum JobJSON {
    /// The legacy file's time text (`2026-02-07T21:00:00.000000`), so scripts parse one format everywhere.
    public static func time(_ timestamp: Timestamp?) -> JSONValue {
        JSONValue(timestamp.map { LegacyTime.format($0.microsecondsSinceEpoch) })
    }

    /// The object `list --json` prints per job.
    public static func listing(_ listing: JobListing) -> JSONObject {
        let job = listing.job
        var object = JSONObject()
        object["id"] = JSONValue(job.id)
        object["status"] = JSONValue(job.status.rawValue)
        object["remote_state"] = JSONValue(job.remoteState)
        object["display_name"] = JSONValue(job.displayName)
        object["submitted_at"] = time(job.submittedAt)
        object["last_checked"] = time(job.lastCheckedAt)
        object["completed_at"] = time(job.completedAt)
        object["next_check_at"] = job.status == .pending ? time(job.nextCheckAt) : .null
        object["retrieved"] = JSONValue(LegacyStatus.retrieved(job.status))
        object["check_count"] = JSONValue(job.checkCount)
        object["attempts"] = JSONValue(job.attempts)
        object["last_error"] = JSONValue(job.lastError)
        object["image_count"] = JSONValue(listing.imageCount)
        object["images_done"] = JSONValue(listing.doneImageCount)
        object["images_failed"] = JSONValue(listing.failedImageCount)
        // USD at batch prices: submit's estimate and, once the checker records it, the cost from the token counts.
        let request = job.requestMetadata
        object["estimated_cost_usd"] = request.estimatedCostUSD.map(JSONValue.init) ?? .null
        object["actual_cost_usd"] = request.actualCostUSD.map(JSONValue.init) ?? .null
        return object
    }

    /// One image of a job: where its files are and what happened to it.
    public static func image(_ image: ImageRecord) -> JSONObject {
        var object = JSONObject()
        object["request_key"] = JSONValue(image.requestKey)
        object["index"] = JSONValue(image.itemIndex)
        object["state"] = JSONValue(image.state.rawValue)
        object["original_path"] = JSONValue(image.originalPath)
        object["webp_path"] = JSONValue(image.webpPath)
        object["original_sidecar_path"] = JSONValue(image.originalSidecarPath)
        object["webp_sidecar_path"] = JSONValue(image.webpSidecarPath)
        object["bytes"] = image.bytes.map(JSONValue.init) ?? .null
        object["webp_bytes"] = image.webpBytes.map(JSONValue.init) ?? .null
        object["sha256"] = JSONValue(image.sha256)
        object["mime_type"] = JSONValue(image.mimeType)
        object["error"] = JSONValue(image.error)
        return object
    }

    /// One entry of a job's history.
    public static func event(_ event: JobEvent) -> JSONObject {
        var object = JSONObject()
        object["at"] = time(event.at)
        object["kind"] = JSONValue(event.kind.rawValue)
        object["message"] = JSONValue(event.message)
        return object
    }

    /// The object `show --json` prints: the listing fields, the stored request metadata under `request`, the
    /// images and the history.
    ///
    /// ```swift
    /// let object = JobJSON.detail(job: job, images: try store.images(jobID: job.id), events: try store.events(jobID: job.id))
    /// ```
    public static func detail(job: Job, images: [ImageRecord], events: [JobEvent]) -> JSONObject {
        var object = listing(JobListing(job: job, imageCount: images.count,
                                        doneImageCount: images.count { $0.state == .done },
                                        failedImageCount: images.count { $0.state == .failed }))
        if let text = job.requestMetadataJSON, let request = try? JSONValue.parse(text) { object["request"] = request }
        object["images"] = .array(images.map { .object(image($0)) })
        object["history"] = .array(events.map { .object(event($0)) })
        return object
    }
}
