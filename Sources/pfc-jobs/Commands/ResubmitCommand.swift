import ArgumentParser
import Foundation
import Housekeeping
import JobStore
import Submission

struct ResubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resubmit",
        abstract: "Submit a finished job's requests again as a new batch (or only the failed and blocked ones).",
        discussion: """
        The new batch has the same prompts, options, reference images (read again from their paths), titles \
        and WebP wishes, and the same request keys, so its images land beside the old ones under their own \
        names. It goes to the original's model unless --model names another, and is checked and submitted like \
        submit (recorded first, never billed twice). show names the original and the follow-up. Prints the new \
        job's id.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The job id (batches/abc or abc).")
    var id: String

    @Flag(help: "Only the requests that produced no image (failed or blocked).")
    var failedOnly = false

    @Option(help: "Send the new batch to this model instead of the original's.")
    var model: String?

    func run() async throws {
        let config = try options.loadConfig()
        // Everything is checked before the key is looked for or the API called.
        guard let store = try CommandContext.openExisting(config: config)?.store, let job = try store.job(id: id) else {
            throw JobStoreError.jobNotFound(id)
        }
        let resubmission = try Resubmission.prepare(job: job, images: try store.images(jobID: job.id), failedOnly: failedOnly,
                                                    model: model)
        let plan = try resubmission.plan(config: config)
        for warning in plan.warnings { Terminal.warning(warning) }
        let client = try APIClientFactory.requireClient(config: config)
        let submitted = try await resubmission.submit(plan, with: JobSubmitter(store: store, client: client, paths: config.paths),
                                                      store: store)
        print(submitted.id)
        FileHandle.standardError.write(Data("resubmitted \(resubmission.detail) of \(resubmission.original.id)\n".utf8))
        FileHandle.standardError.write(Data("\(SubmitCommand.estimateLine(plan))\n".utf8))
    }
}
