import Foundation
import JobStore
import OrderedJSON
import Submission

// `generate_image`: the old tool's batch path ("priority low"), on `submit`'s checked, crash-safe submission.
extension JobTools {
    /// How long a batch may take on the service; what the old tool told its callers.
    static let estimatedCompletion = "24 hours"

    func generateImage(_ arguments: ToolArguments) async throws -> JSONObject {
        let tool = arguments.tool
        let priority = try arguments.string("priority")?.lowercased() ?? "low"
        guard priority == "low" else {
            if priority == "high" {
                throw ToolFailure("\(tool): priority \"high\" (immediate generation at full price) is not offered here: this server "
                    + "queues Gemini batch jobs only (half price, results within \(Self.estimatedCompletion)); leave priority out or pass \"low\"")
            }
            throw ToolFailure("\(tool): priority \"\(priority)\": takes low (a batch job); high is not offered by this server")
        }
        var request = SubmissionRequest(prompt: try arguments.requiredString("prompt"))
        // Messages then name the tool's fields as a prompts file line names them: `generate_image: aspect_ratio "1:8": ...`.
        request.origin = tool
        request.baseFolder = context.baseFolder
        request.quality = try arguments.string("quality")
        request.imageSize = try arguments.string("image_size")
        request.aspectRatio = try arguments.string("aspect_ratio")
        request.thinkingLevel = try arguments.string("thinking_level")
        request.mediaResolution = try arguments.string("media_resolution")
        request.searchGrounding = try arguments.bool("search_grounding") ?? false
        request.title = try arguments.string("title")
        request.description = try arguments.string("description")
        request.alternativeText = try arguments.string("alternative_text")
        request.caption = try arguments.string("caption")
        var submission = JobSubmission(requests: [request])
        submission.convertToWebP = try arguments.bool("convert_to_webp") ?? true
        submission.webpQuality = try arguments.integer("webp_quality", in: 0...100) ?? submission.webpQuality
        let entries = try InlineReferenceImages.entries(arguments)
        let inline = InlineReferenceImages(folder: context.paths.metadataFolder.appendingPathComponent("reference_images", isDirectory: true))
        submission.requests[0].referenceImages = try entries.enumerated().map { index, entry throws(ToolFailure) in
            switch entry {
            case .path(let path): return path
            case .bytes(let data): return try inline.store(data, field: "\(tool): reference_images[\(index)]")
            }
        }

        let plan: SubmissionPlan
        do throws(SubmitError) {
            plan = try submission.plan(config: context.config, now: context.clock())
        } catch {
            throw ToolFailure(error.description)
        }
        let client = try context.makeClient()
        let job = try await JobSubmitter(store: context.store, client: client, paths: context.paths, clock: context.clock).submit(plan)
        let quality = plan.catalogued?.quality.rawValue ?? request.quality?.lowercased()
        context.logger.info("MCP generate_image: queued \(job.id) on \(plan.model) (\(entries.count) reference image(s))")

        // The old tool's answer keys first, then what `submit --json` adds.
        var object = JSONObject()
        object["success"] = JSONValue(true)
        object["queued"] = JSONValue(true)
        object["priority"] = JSONValue("low")
        object["batch_job_id"] = JSONValue(job.id)
        object["request_count"] = JSONValue(plan.requests.count)
        object["estimated_completion"] = JSONValue(Self.estimatedCompletion)
        object["estimated_cost_usd"] = plan.metadata.object["estimated_cost_usd"] ?? .null
        object["provider"] = JSONValue("gemini")
        object["quality"] = JSONValue(quality)
        object["model"] = JSONValue(plan.model)
        object["status"] = JSONValue(job.status.rawValue)
        object["display_name"] = JSONValue(job.displayName)
        object["price_table_as_of"] = JSONValue(plan.priceTableAsOf)
        object["reference_image_paths"] = plan.metadata.object["reference_image_paths"] ?? .array([])
        if !plan.warnings.isEmpty { object["warnings"] = .array(plan.warnings.map(JSONValue.init)) }
        let pickUp = context.config.batchCheckEnabled
            ? "The scheduled check (every \(context.config.batchCheckIntervalMinutes) minutes) retrieves it"
            : "Scheduled checking is off (batch_check_enabled: false), so nothing retrieves it by itself"
        object["note"] = JSONValue(pickUp + "; retrieve_batch_results fetches it now once the batch is done, "
            + "check_batch_status shows where it is")
        object["message"] = JSONValue("Image queued for batch generation (50% discount). Job ID: \(job.id)")
        return object
    }
}
