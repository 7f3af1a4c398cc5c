import ArgumentParser
import GeminiBatch
import JobStore
import LegacyFormat

struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a batch on the API and record the job as cancelled."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The job id (batches/abc or abc).")
    var id: String

    func run() async throws {
        guard let context = try CommandContext.openExisting(options), let job = try context.store.job(id: id) else {
            throw JobStoreError.jobNotFound(id)
        }
        guard job.status == .pending else {
            throw CommandFailure.configuration("job '\(job.id)' is \(job.status.rawValue); only a pending job can be cancelled")
        }
        let client = try APIClientFactory.requireClient(config: context.config)
        do {
            if !job.isUnboundIntent { try await client.cancelBatch(job.id) }
        } catch .notFound {
            // Already gone on the API side: recording it cancelled is all that is left.
        } catch {
            throw CommandFailure.failed("cancel of \(job.id) failed", error)
        }
        try context.store.markCancelled(id: job.id, reason: "cancelled by the operator")
        do {
            _ = try TrackingExport.run(store: context.store, to: context.config.paths.trackingFile)
        } catch {
            throw CommandFailure.failed("\(job.id) is cancelled, but the tracking file was not exported", error)
        }
        print("\(job.id): cancelled")
    }
}
