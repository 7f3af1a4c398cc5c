import AtomicFiles
import BatchChecker
import Foundation
import JobStore
import OrderedJSON

// `retrieve_batch_results`: `check --job ID` for one job, now, through the checker's claims.
extension JobTools {
    func retrieveBatchResults(_ arguments: ToolArguments) async throws -> JSONObject {
        let before = try job(arguments)
        var report: CheckReport?
        // Only a pending job that is bound to its batch is the checker's to claim; the others are answered as they are.
        if before.status == .pending, !before.isUnboundIntent {
            let checker = BatchChecker(settings: CheckerSettings(config: context.config), store: context.store,
                                       client: try context.makeClient(), logger: context.logger, clock: context.clock)
            // A run of the scheduled check holding the job's lease keeps it: the claim here then takes nothing.
            report = try await checker.run(onlyJobID: before.id, limit: 1)
        }
        var object = try detail(before.id)
        object["images"] = .array((object["images"]?.arrayValue ?? []).map(Self.withSidecar))
        guard let after = try context.store.job(id: before.id) else { throw JobStoreError.jobNotFound(before.id) }
        var message = Self.retrievalMessage(before: before, after: after, report: report,
                                            images: object["images"]?.arrayValue ?? [])
        if let failure = report?.exportFailure { message += " (the tracking file was not exported: \(failure))" }
        context.logger.info("MCP retrieve_batch_results \(after.id): \(message)")
        object["message"] = JSONValue(message)
        return object
    }

    /// An image object with its metadata sidecar's content under `metadata` (title, description, alt text, cost,
    /// ...), read when the sidecar is a regular file that parses.
    static func withSidecar(_ image: JSONValue) -> JSONValue {
        guard var object = image.objectValue, let path = object["original_sidecar_path"]?.stringValue,
              let bytes = try? AtomicFile.readRegularFile(at: URL(fileURLWithPath: path)),
              let sidecar = try? JSONValue.parse(bytes) else { return image }
        object["metadata"] = sidecar
        return .object(object)
    }

    /// One sentence on what this call did, for the model to pass on.
    static func retrievalMessage(before: Job, after: Job, report: CheckReport?, images: [JSONValue]) -> String {
        let done = images.filter { $0["state"]?.stringValue == "done" }.count
        let failed = images.filter { $0["state"]?.stringValue == "failed" }.count
        let tally = "\(done) image(s) retrieved" + (failed > 0 ? ", \(failed) failed (see each image's error)" : "")
        let reason = after.lastError.map { ": \($0)" } ?? ""
        guard let report else {
            if before.isUnboundIntent {
                return "The submission \(before.id) was never confirmed by the API; the next check finds its batch by name or marks it failed"
            }
            switch before.status {
            case .completed: return "The job was completed earlier: \(tally)"
            case .pending: return "The job is pending"
            default: return "The job is \(before.status.rawValue)\(reason); retry_job makes it due again"
            }
        }
        if report.claimed == 0 {
            return "Another check run (the scheduled check) is working on this job right now; its images appear when it "
                + "finishes: call retrieve_batch_results again in a minute"
        }
        switch after.status {
        case .completed: return "The batch is done: \(tally)"
        case .pending:
            let state = after.remoteState.map { " (\($0))" } ?? ""
            let error = after.lastError.map { "; last error: \($0)" } ?? ""
            return "The batch is not finished yet\(state)\(error); the scheduled check looks again, or call retrieve_batch_results later"
        default: return "The batch ended \(after.status.rawValue)\(reason)"
        }
    }
}
