import JobStore
import MCP
import ModelCatalogue

/// The tools as an MCP client lists them: names, descriptions a model can act on, and JSON Schemas for the
/// arguments (`additionalProperties: false`: a field the tool does not take is refused by name).
///
/// ```swift
/// await server.withMethodHandler(ListTools.self) { _ in .init(tools: ToolDefinitions.all) }
/// ```
/// The allowed values come from the model catalogue, so the schema and `submit`'s checks never disagree.
public enum ToolDefinitions {
    public static let all: [Tool] = [generateImage, checkBatchStatus, retrieveBatchResults, listJobs, retryJob, cancelJob]

    /// The argument names each tool takes, from its schema.
    static func accepted(_ tool: ToolName) -> [String] {
        guard let definition = all.first(where: { $0.name == tool.rawValue }),
              let properties = definition.inputSchema.objectValue?["properties"]?.objectValue else { return [] }
        return properties.keys.sorted()
    }

    static let jobID: Value = [
        "type": "string",
        "description": "The job id generate_image returned (batch_job_id, e.g. batches/abc123), or its part after batches/.",
    ]

    static func schema(_ properties: [String: Value], required: [String] = []) -> Value {
        .object(["type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) }),
                 "additionalProperties": false])
    }

    static func strings(_ values: [String]) -> Value { .array(values.map { .string($0) }) }

    static var aspectRatios: [String] {
        var all: [String] = []
        for ratio in ModelCatalogue.live.flatMap(\.aspectRatios) where !all.contains(ratio) { all.append(ratio) }
        return all
    }

    static let generateImage = Tool(
        name: ToolName.generateImage.rawValue,
        title: "Queue an image (Gemini Batch API)",
        description: """
            Queue an image for generation on the Gemini Batch API at half the interactive price. Returns at once with a \
            batch_job_id, the cost estimate and an estimated completion (within 24 hours, often minutes); nothing is \
            generated while you wait. The scheduled `pfc-jobs check` (cron) retrieves the finished image into the images \
            folder with its metadata sidecar and WebP copy. To get it sooner, call retrieve_batch_results with the \
            batch_job_id; check_batch_status shows where a job is. Reference images (files on this machine, or base64 \
            data) are sent before the prompt, for editing an image or keeping a subject consistent. Every value is \
            checked against the chosen model before anything is sent; a refused value comes back as an error naming \
            the argument and what the model accepts. This server queues batch jobs only: priority "high" (immediate \
            generation at full price) is refused.
            """,
        inputSchema: schema([
            "prompt": ["type": "string", "description": "What the image should show. Reference images, if any, are sent before it."],
            "aspect_ratio": [
                "type": "string", "enum": strings(aspectRatios),
                "description": .string("Width:height. \(ModelCatalogue.standardAspectRatios.joined(separator: ", ")) on every model; "
                    + "1:4, 4:1, 1:8 and 8:1 only with quality fast. Default: the model's 1:1."),
            ],
            "image_size": [
                "type": "string", "enum": strings(ImageSize.words.map(\.word) + ImageSize.apiValues),
                "description": "small (1K), medium (2K), large (2K), xlarge (4K), or the API's 512, 1K, 2K, 4K; 512 only with quality fast. Default: 1K.",
            ],
            "quality": [
                "type": "string", "enum": strings(Quality.words.map(\.rawValue)),
                "description": "pro: gemini-3-pro-image (best detail and text). fast: gemini-3.1-flash-image (cheaper, quicker, more aspect ratios). Default: the config's default_model.",
            ],
            "reference_images": [
                "type": "array", "maxItems": 14,
                "description": "Up to 14 reference images (PNG, JPEG, WebP, HEIC/HEIF, known by their bytes): absolute paths on this machine (~/ works; relative paths start at the config file's folder), data: URLs, or objects {\"data\": base64, \"mime_type\": \"image/png\"}.",
                "items": ["anyOf": [
                    ["type": "string", "description": "A file path, or a data:image/...;base64,... URL."],
                    ["type": "object", "properties": ["data": ["type": "string", "description": "The image bytes, base64."],
                                                      "mime_type": ["type": "string"]],
                     "required": ["data"]],
                ]],
            ],
            "search_grounding": ["type": "boolean", "default": false,
                                 "description": "Ground the image in Google Search results (real places, current events); priced per request. Not on gemini-3.1-flash-lite-image."],
            "thinking_level": ["type": "string", "enum": strings(ThinkingLevel.allCases.map(\.rawValue)),
                               "description": "How much the model reasons before drawing complex compositions."],
            "media_resolution": ["type": "string", "enum": strings(MediaResolution.allCases.map(\.rawValue)),
                                 "description": "How finely reference images are read."],
            "title": ["type": "string", "description": "Title for the metadata sidecar. Default: AI-generated image - YYYY-MM-DD HH:MM."],
            "description": ["type": "string", "description": "Description for the metadata. Default: the first 200 characters of the prompt."],
            "alternative_text": ["type": "string", "description": "Alt text for accessibility. Default: AI-generated image: and the first 100 characters of the prompt."],
            "caption": ["type": "string", "description": "Caption for the metadata. Default: the title."],
            "convert_to_webp": ["type": "boolean", "default": true, "description": "Also write a WebP copy when the image is retrieved."],
            "webp_quality": ["type": "integer", "minimum": 0, "maximum": 100, "default": 85, "description": "WebP quality, 0-100."],
            "priority": ["type": "string", "enum": ["low", "high"], "default": "low",
                         "description": "low (the default): a batch job at 50% of the price, results within 24 hours. high (immediate generation) is not offered by this server and is refused."],
        ], required: ["prompt"]),
        annotations: .init(title: "Queue an image", readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true))

    static let checkBatchStatus = Tool(
        name: ToolName.checkBatchStatus.rawValue,
        title: "Job status",
        description: """
            Where jobs stand, from the local job database (no API call, instant). With batch_job_id: that job with its \
            images (file paths) and history, as `pfc-jobs show --json` prints it. Without: every pending job, as \
            `pfc-jobs list --status pending --json` prints them. The scheduled check updates jobs every few minutes; \
            to ask the API now and download a finished batch, call retrieve_batch_results.
            """,
        inputSchema: schema(["batch_job_id": jobID]),
        annotations: .init(title: "Job status", readOnlyHint: true, openWorldHint: false))

    static let retrieveBatchResults = Tool(
        name: ToolName.retrieveBatchResults.rawValue,
        title: "Retrieve a job now",
        description: """
            Check one job with the Gemini API now and, when its batch has finished, download its images: each is \
            written under the images folder (original, WebP when asked) with its JSON metadata sidecar. Returns the \
            job with every image's paths and sidecar metadata, and a message saying what happened. A batch still \
            running leaves the job pending (call again later); a job the scheduled check is working on at this moment \
            is left to it (call again in a minute). A completed job is returned as it is, without calling the API.
            """,
        inputSchema: schema(["batch_job_id": jobID], required: ["batch_job_id"]),
        annotations: .init(title: "Retrieve a job now", readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true))

    static let listJobs = Tool(
        name: ToolName.listJobs.rawValue,
        title: "List jobs",
        description: "Jobs newest first, as `pfc-jobs list --json` prints them: status, remote state, times, image counts, costs, last error.",
        inputSchema: schema([
            "status": ["type": "string", "enum": strings(JobStatus.allCases.map(\.rawValue)),
                       "description": "Only jobs with this status. pending: still being worked on; completed: images retrieved; failed, cancelled, expired: ended without (all) images."],
            "limit": ["type": "integer", "minimum": 0, "description": "At most this many jobs."],
        ]),
        annotations: .init(title: "List jobs", readOnlyHint: true, openWorldHint: false))

    static let retryJob = Tool(
        name: ToolName.retryJob.rawValue,
        title: "Retry a job",
        description: """
            Make a failed, expired or cancelled job (or one waiting after an error) due now: status pending, attempts \
            reset, error cleared; the next check (or retrieve_batch_results) looks at it. A completed job is retried \
            only with force: true, and its images are then retrieved again.
            """,
        inputSchema: schema(["batch_job_id": jobID,
                             "force": ["type": "boolean", "default": false, "description": "Also retry a completed job."]],
                            required: ["batch_job_id"]),
        annotations: .init(title: "Retry a job", readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false))

    static let cancelJob = Tool(
        name: ToolName.cancelJob.rawValue,
        title: "Cancel a job",
        description: "Cancel a pending job's batch on the Gemini API and record the job as cancelled. Only a pending job can be cancelled.",
        inputSchema: schema(["batch_job_id": jobID], required: ["batch_job_id"]),
        annotations: .init(title: "Cancel a job", readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true))
}
