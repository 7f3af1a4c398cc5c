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

    @Option(help: "A JSONL file of prompts: each line a JSON string or {\"prompt\": ...}.")
    var promptsFile: String?

    @Option(help: "The model (default: config default_model): gemini-3-pro-image, gemini-3.1-flash-image, gemini-3.1-flash-lite-image.")
    var model: String?

    @Option(help: "Aspect ratio: 1:1 2:3 3:2 3:4 4:3 4:5 5:4 9:16 16:9 21:9 (and 1:4 4:1 1:8 8:1 on gemini-3.1-flash-image).")
    var aspectRatio: String?

    @Option(help: "Image size: small (1K), medium (2K), large (2K), xlarge (4K), or 512, 1K, 2K, 4K. Default: the API's 1K.")
    var imageSize: String?

    @Option var title: String?
    @Option var description: String?
    @Option var altText: String?
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
        let config = try reportingFailures { try options.loadConfig() }
        // Everything is checked before the key is looked for, the database opened or the API called.
        let plan = try reportingFailures {
            do throws(SubmitError) {
                var all = prompts
                if let promptsFile {
                    all += try JobSubmission.prompts(fromJSONLines: URL(fileURLWithPath: promptsFile))
                }
                var submission = JobSubmission(requests: all.map(request(for:)), model: model)
                submission.convertToWebP = !noWebp
                submission.webpQuality = webpQuality
                return try submission.plan(config: config)
            } catch {
                throw CommandFailure.configuration(error.description)
            }
        }
        for warning in plan.warnings { FileHandle.standardError.write(Data("pfc-jobs: warning: \(warning)\n".utf8)) }
        let client = try reportingFailures { try APIClientFactory.requireClient(config: config) }
        let store = try reportingFailures { try CommandContext.open(options).store }
        let submitter = JobSubmitter(store: store, client: client, paths: config.paths)
        do {
            let job = try await submitter.submit(plan)
            if json {
                var object = JSONObject()
                object["id"] = JSONValue(job.id)
                object["status"] = JSONValue(job.status.rawValue)
                object["model"] = JSONValue(plan.model)
                object["prompts"] = JSONValue(plan.requests.count)
                object["display_name"] = JSONValue(job.displayName)
                print(JSONValue.object(object).serialized(style: .pretty))
            } else {
                print(job.id)
            }
        } catch {
            FileHandle.standardError.write(Data("pfc-jobs: error: \(error)\n".utf8))
            throw ExitCode.runtimeFailure
        }
    }

    /// The command-line flags applied to one prompt.
    private func request(for prompt: String) -> SubmissionRequest {
        var request = SubmissionRequest(prompt: prompt)
        request.imageSize = imageSize
        request.aspectRatio = aspectRatio
        request.title = title
        request.description = description
        request.alternativeText = altText
        request.caption = caption
        return request
    }
}
