import ArgumentParser
import Foundation
import OrderedJSON
import Submission

struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit prompts as one Gemini batch job (half price, results in hours).",
        discussion: """
        Every value is checked against the model catalogue first: a retired model, or a size or aspect ratio \
        the model refuses, stops here with exit 2 and nothing recorded or sent. The job is then recorded \
        locally before the API is called; if the answer is lost, the batch is looked up by its display name \
        before another is created, so nothing is billed twice. A create the API refuses is kept as a failed job \
        with the API's message. Writes the legacy batch_metadata file and tracking entry too. Prints the job id.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .customLong("prompt"), help: "A prompt; repeat for several images.")
    var prompts: [String] = []

    @Option(help: ArgumentHelp("""
        A JSONL file, one request per line: a JSON string, or an object with the old tool's fields (prompt, \
        reference_images, quality, image_size, aspect_ratio, thinking_level, search_grounding, media_resolution, \
        title, description, alternative_text, caption). The flags below are every line's defaults.
        """, valueName: "path"))
    var promptsFile: String?

    @Option(name: .customLong("reference"), help: ArgumentHelp(
        "A reference image (PNG, JPEG, WebP, HEIC/HEIF by its bytes), sent before the prompt; repeat, up to 14.",
        valueName: "path"))
    var references: [String] = []

    @Option(help: "pro (gemini-3-pro-image) or fast (gemini-3.1-flash-image); --model wins.")
    var quality: String?

    @Option(help: "The model (default: config default_model): gemini-3-pro-image, gemini-3.1-flash-image, gemini-3.1-flash-lite-image.")
    var model: String?

    @Option(help: "Aspect ratio: 1:1 2:3 3:2 3:4 4:3 4:5 5:4 9:16 16:9 21:9 (and 1:4 4:1 1:8 8:1 on gemini-3.1-flash-image).")
    var aspectRatio: String?

    @Option(help: "Image size: small (1K), medium (2K), large (2K), xlarge (4K), or 512, 1K, 2K, 4K. Default: the API's 1K.")
    var imageSize: String?

    @Option(help: "Thinking level: minimal, low, medium, high (gemini-3-pro-image and gemini-3.1-flash-image).")
    var thinkingLevel: String?

    @Flag(help: "Ground the image in Google Search results (the google_search tool; priced per request).")
    var searchGrounding = false

    @Option(help: "How finely reference images are read: low, medium, high.")
    var mediaResolution: String?

    @Option var title: String?
    @Option var description: String?
    @Option(name: [.customLong("alternative-text"), .customLong("alt-text")], help: "Alternative text (default: from the prompt).")
    var alternativeText: String?
    @Option var caption: String?

    @Flag(help: "Do not convert the results to WebP.")
    var noWebp = false

    @Option(help: "WebP quality, 0-100.")
    var webpQuality = 85

    @Flag(help: "Print the job as JSON.")
    var json = false

    func validate() throws {
        if prompts.isEmpty, promptsFile == nil { throw ValidationError("give at least one --prompt or a --prompts-file") }
        if !(0...100).contains(webpQuality) { throw ValidationError("--webp-quality must be 0-100") }
    }

    func run() async throws {
        let config = try options.loadConfig()
        // Everything is checked before the key is looked for, the database opened or the API called.
        var requests = prompts.map { prompt in
            var request = flagDefaults
            request.prompt = prompt
            return request
        }
        if let promptsFile {
            requests += try PromptsFile.read(URL(fileURLWithPath: promptsFile), defaults: flagDefaults)
        }
        var submission = JobSubmission(requests: requests, model: model)
        submission.convertToWebP = !noWebp
        submission.webpQuality = webpQuality
        let plan = try submission.plan(config: config)
        for warning in plan.warnings { Terminal.warning(warning) }
        let client = try APIClientFactory.requireClient(config: config)
        let store = try CommandContext.open(config: config).store
        // A batch past the inline limit is uploaded first: say so on stderr, as the estimate is.
        let job = try await JobSubmitter(store: store, client: client, paths: config.paths, progress: { line in
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }).submit(plan)
        if json {
            var object = JSONObject()
            object["id"] = JSONValue(job.id)
            object["status"] = JSONValue(job.status.rawValue)
            object["model"] = JSONValue(plan.model)
            object["prompts"] = JSONValue(plan.requests.count)
            object["display_name"] = JSONValue(job.displayName)
            object["estimated_cost_usd"] = plan.metadata.object["estimated_cost_usd"] ?? .null
            object["price_table_as_of"] = JSONValue(plan.priceTableAsOf)
            print(JSONValue.object(object).serialized(style: .pretty))
        } else {
            print(job.id)
            // The id alone on stdout (scripts read it); the estimate for people on stderr.
            FileHandle.standardError.write(Data("\(Self.estimateLine(plan))\n".utf8))
        }
    }

    /// The flags as one request: what every --prompt gets, and every prompts-file line unless it says otherwise.
    private var flagDefaults: SubmissionRequest {
        var request = SubmissionRequest(prompt: "")
        request.referenceImages = references
        request.quality = quality
        request.imageSize = imageSize
        request.aspectRatio = aspectRatio
        request.thinkingLevel = thinkingLevel
        request.searchGrounding = searchGrounding
        request.mediaResolution = mediaResolution
        request.title = title
        request.description = description
        request.alternativeText = alternativeText
        request.caption = caption
        return request
    }

    /// `estimated cost: $0.067202 for 1 image on gemini-3-pro-image (batch prices of 2026-12-01)`.
    static func estimateLine(_ plan: SubmissionPlan) -> String {
        let images = plan.requests.count == 1 ? "1 image" : "\(plan.requests.count) images"
        guard let cost = plan.estimatedCostUSD else {
            return "estimated cost: unknown for \(images) on \(plan.model) (no price for it in the table of \(plan.priceTableAsOf))"
        }
        return "estimated cost: $\(String(format: "%.4f", cost)) for \(images) on \(plan.model) (batch prices of \(plan.priceTableAsOf))"
    }
}
