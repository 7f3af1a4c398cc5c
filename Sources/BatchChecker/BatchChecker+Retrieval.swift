import Foundation
import GeminiBatch
import JobStore
import LegacyFormat
import OrderedJSON

extension BatchChecker {
    /// Retrieves a finished batch: every item written (or recorded as failed), then the job finished.
    /// A transient problem (download, disk) leaves the job pending with backoff; finished images stay
    /// done, and the next run resumes with the rest.
    func retrieve(_ batch: Batch, _ context: JobContext, report: inout CheckReport) async throws {
        let claim = context.claim
        let items: BatchItems
        switch batch.output {
        case .inline(let inline):
            items = inline
        case .responsesFile(let name):
            do {
                let progress = self.progress
                items = try await client.responsesFileItems(name, progress: progress.map { report in { @Sendable received, expected in
                    report(.downloading(jobID: claim.jobID, received: received, expected: expected))
                } })
            } catch {
                report.add(try await context.jobThreads.run { [self] in
                    var partial = CheckReport()
                    try recordTransient(claim, reason: "download of \(name) failed: \(error)", report: &partial)
                    return partial
                })
                return
            }
        case nil:
            report.add(try await context.jobThreads.run { [self] in
                var partial = CheckReport()
                try recordNotReady(batch, claim: claim, report: &partial)
                return partial
            })
            return
        }
        // An empty item list while the stats promise requests is the same "not there yet".
        if items.count == 0, batch.stats.requestCount > 0 {
            report.add(try await context.jobThreads.run { [self] in
                var partial = CheckReport()
                try recordNotReady(batch, claim: claim, report: &partial)
                return partial
            })
            return
        }
        let retrieval = JobRetrieval(settings: settings, store: store, context: context,
                                     batchModel: batch.model, clock: clock, progress: progress)
        let remoteState = batch.state.wireValue
        report.add(try await context.jobThreads.run { [self] in
            var partial = CheckReport()
            let outcome: JobRetrieval.Outcome
            do {
                outcome = try retrieval.run(items)
            } catch let error as JobStoreError {
                throw error
            } catch {
                try recordTransient(claim, reason: "retrieval interrupted: \(error)", report: &partial)
                return partial
            }
            try finish(claim, remoteState: remoteState, outcome: outcome, report: &partial)
            return partial
        })
        progress?(.finished(jobID: claim.jobID))
    }

    private func finish(_ claim: Claim, remoteState: String, outcome: JobRetrieval.Outcome, report: inout CheckReport) throws {
        report.imagesWritten += outcome.written
        report.imagesFailed += outcome.failures.count
        report.errors += outcome.failures.count
        for failure in outcome.failures { logger.warning("Batch job \(claim.jobID): item \(failure)") }
        for note in outcome.conversionFailures { logger.warning("Batch job \(claim.jobID): \(note)") }

        // The actual cost goes into the job's request metadata, where `show`, `list --json` and `cost` read it.
        var metadataJSON: String?
        if let cost = outcome.actualCostUSD {
            var metadata = claim.job.requestMetadata
            metadata.object["actual_cost_usd"] = JSONValue(cost)
            metadataJSON = JSONValue.object(metadata.object).serialized()
            logger.info("Batch job \(claim.jobID) cost $\(String(format: "%.4f", cost)) by its token counts")
        }
        let total = outcome.done + outcome.failures.count
        if total == 0 {
            try store.finish(claim, status: .failed, remoteState: remoteState, error: "the batch finished with no results",
                             requestMetadataJSON: metadataJSON, now: clock())
            logger.error("Batch job \(claim.jobID) finished with no results")
            report.failed += 1
        } else if outcome.done == 0 {
            let reason = "all \(total) item(s) failed; first: \(outcome.failures.first.map { "\($0)" } ?? "")"
            try store.finish(claim, status: .failed, remoteState: remoteState, error: reason, requestMetadataJSON: metadataJSON,
                             now: clock())
            logger.error("Batch job \(claim.jobID): \(reason)")
            report.failed += 1
        } else {
            let note = outcome.failures.isEmpty ? nil : "\(outcome.failures.count) of \(total) item(s) failed"
            try store.finish(claim, status: .completed, remoteState: remoteState, error: note, requestMetadataJSON: metadataJSON,
                             now: clock())
            logger.info("Successfully retrieved and processed \(outcome.done) image(s) of \(claim.jobID)")
            report.retrieved += 1
        }
    }
}
