import ArgumentParser
import JobStore

struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Make a failed, expired or cancelled job (or one waiting on backoff) due now.",
        discussion: "Status becomes pending, attempts are reset and the error cleared. A completed job is retrieved again only with --force."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The job id (batches/abc or abc).")
    var id: String

    @Flag(help: "Also retry a completed job: its images are retrieved again.")
    var force = false

    func run() throws {
        guard let store = try CommandContext.openExisting(options)?.store, let before = try store.job(id: id) else {
            throw JobStoreError.jobNotFound(id)
        }
        let job = try store.retry(id: before.id, force: force)
        print("\(job.id): \(before.status.rawValue) -> \(job.status.rawValue), due now")
    }
}
