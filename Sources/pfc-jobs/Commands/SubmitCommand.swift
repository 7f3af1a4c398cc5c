import ArgumentParser
import BatchChecker
import Foundation
import OrderedJSON

struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit prompts as one Gemini batch job (half price, results in hours).",
        discussion: """
        The job is recorded locally before the API is called; if the answer is lost, the batch is looked up
        by its display name before another is created, so nothing is billed twice. Writes the legacy
        batch_metadata file and tracking entry too. Prints the job id.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .customLong("prompt"), help: "A prompt; repeat for several images.")
    var prompts: [String] = []

    @Option(help: "A JSONL file of prompts: each line a JSON string or {\"prompt\": ...}.")
    var promptsFile: String?

    @Option(help: "The model (default: config default_model).")
    var model: String?

    @Option(help: "Aspect ratio, e.g. 1:1, 16:9.")
    var aspectRatio: String?

    @Option(help: "Image size: small, medium, large, or 1K, 2K, 4K.")
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
        var all = prompts
        if let promptsFile {
            all += try reportingFailures {
                do { return try JobSubmission.prompts(fromJSONLines: URL(fileURLWithPath: promptsFile)) } catch let error as SubmitError {
                    throw CommandFailure.configuration(error.description)
                }
            }
        }
        var submission = JobSubmission(prompts: all, model: model ?? config.defaultModel)
        submission.aspectRatio = aspectRatio
        submission.imageSize = imageSize
        submission.title = title
        submission.description = description
        submission.alternativeText = altText
        submission.caption = caption
        submission.convertToWebP = !noWebp
        submission.webpQuality = webpQuality
        let client = try reportingFailures { try APIClientFactory.requireClient(config: config) }
        let store = try reportingFailures { try CommandContext.open(options).store }
        let submitter = JobSubmitter(store: store, client: client, paths: config.paths)
        do {
            let job = try await submitter.submit(submission)
            if json {
                var object = JSONObject()
                object["id"] = JSONValue(job.id)
                object["status"] = JSONValue(job.status.rawValue)
                object["prompts"] = JSONValue(all.count)
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
}
