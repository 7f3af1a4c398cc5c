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
        let config = try reportingFailures { try options.loadConfig() }
        // Everything is checked before the key is looked for or the API called.
        let (store, resubmission, plan) = try reportingFailures {
            guard let store = try CommandContext.openExisting(options)?.store, let job = try store.job(id: id) else {
                throw JobStoreError.jobNotFound(id)
            }
            do {
                let resubmission = try Resubmission.prepare(job: job, images: try store.images(jobID: job.id),
                                                            failedOnly: failedOnly, model: model)
                return (store, resubmission, try resubmission.plan(config: config))
            } catch let error as HousekeepingError {
                throw CommandFailure.configuration(error.description)
            } catch let error as SubmitError {
                throw CommandFailure.configuration(error.description)
            }
        }
        for warning in plan.warnings { FileHandle.standardError.write(Data("pfc-jobs: warning: \(warning)\n".utf8)) }
        let client = try reportingFailures { try APIClientFactory.requireClient(config: config) }
        do {
            let job = try await resubmission.submit(plan, with: JobSubmitter(store: store, client: client, paths: config.paths),
                                                    store: store)
            print(job.id)
            FileHandle.standardError.write(Data("resubmitted \(resubmission.detail) of \(resubmission.original.id)\n".utf8))
            FileHandle.standardError.write(Data("\(SubmitCommand.estimateLine(plan))\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("pfc-jobs: error: \(error)\n".utf8))
            throw ExitCode.runtimeFailure
        }
    }
}
