import Foundation
import GeminiBatch
import JobStore
import LegacyFormat
import OrderedJSON

// `retry_job` and `cancel_job`: what `pfc-jobs retry` and `pfc-jobs cancel` do, answered with the job as
// `show --json` prints it.
extension JobTools {
    func retryJob(_ arguments: ToolArguments) throws -> JSONObject {
        let before = try job(arguments)
        let force = try arguments.bool("force") ?? false
        let after: Job
        do {
            after = try context.store.retry(id: before.id, force: force, now: context.clock())
        } catch JobStoreError.retryRequiresForce(let id) {
            throw ToolFailure("job '\(id)' is completed; retrying retrieves it again, which needs force: true")
        }
        context.logger.info("MCP retry_job \(after.id): \(before.status.rawValue) -> \(after.status.rawValue)")
        return try detail(after.id, message: "\(after.id): \(before.status.rawValue) -> \(after.status.rawValue), due now; "
            + "the next check (or retrieve_batch_results) looks at it")
    }

    func cancelJob(_ arguments: ToolArguments) async throws -> JSONObject {
        let job = try job(arguments)
        guard job.status == .pending else {
            throw ToolFailure("job '\(job.id)' is \(job.status.rawValue); only a pending job can be cancelled")
        }
        let client = try context.makeClient()
        do {
            if !job.isUnboundIntent { try await client.cancelBatch(job.id) }
        } catch .notFound {
            // Already gone on the API side: recording it cancelled is all that is left.
        } catch {
            throw ToolFailure("cancel of \(job.id) failed: \(error)")
        }
        try context.store.markCancelled(id: job.id, reason: "cancelled through the MCP server", now: context.clock())
        _ = try TrackingExport.run(store: context.store, to: context.paths.trackingFile, now: context.clock())
        context.logger.info("MCP cancel_job \(job.id): cancelled")
        return try detail(job.id, message: "\(job.id): cancelled")
    }
}
