import Foundation
import GeminiBatch
import JobStore
import LegacyFormat
import OrderedJSON
import PFCConfig

/// Submits a checked batch so that a lost answer never bills twice: the job is recorded locally (an
/// intent with a unique display name) before the API is called, and when the create call's outcome is
/// unknown the batch is looked up by that name before anything is created again.
///
/// ```swift
/// let plan = try JobSubmission(prompts: ["A frog reading a newspaper"]).plan(config: config)
/// let job = try await JobSubmitter(store: store, client: client, paths: config.paths).submit(plan)
/// print(job.id)   // batches/...
/// ```
/// A create the API refuses (404 for a model it does not serve, 400 for a value it rejects) leaves a
/// failed job carrying the API's message, never a pending one; a refused key leaves nothing.
public struct JobSubmitter: Sendable {
    let store: JobStore
    let client: GeminiBatchClient
    let paths: RootLayout
    let clock: @Sendable () -> Date

    public init(store: JobStore, client: GeminiBatchClient, paths: RootLayout, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.client = client
        self.paths = paths
        self.clock = clock
    }

    public func submit(_ plan: SubmissionPlan) async throws -> Job {
        let displayName = "pfc-jobs-\(UUID().uuidString.lowercased())"
        let intent = try store.createIntent(displayName: displayName,
                                            requestMetadataJSON: JSONValue.object(plan.metadata.object).serialized(), now: clock())
        let batch: Batch
        do {
            batch = try await create(model: plan.model, displayName: displayName, requests: plan.requests)
        } catch let error as GeminiError {
            throw try settle(intent: intent, after: error)
        }
        let job = try store.bindIntent(localID: intent, batchName: batch.name, now: clock())
        // The id and time first, as the old tool wrote them.
        var metadata = JSONObject([("batch_job_id", JSONValue(batch.name)),
                                   ("submitted_at", JSONValue(job.submittedAt.map { LegacyTime.format($0.microsecondsSinceEpoch) }))])
        for (key, value) in plan.metadata.object.pairs { metadata[key] = value }
        try BatchMetadataFolder.write(metadata, forJob: batch.name, in: paths.batchMetadataFolder)
        _ = try TrackingExport.run(store: store, to: paths.trackingFile, now: clock())
        return job
    }

    /// What a failed create leaves behind. Unknown outcome: the intent stays (the next check finds the batch by
    /// its display name). A refused key: nothing (no job was refused, the key was). The API answered with a
    /// refusal: the intent becomes a failed job with the API's message, so `list` shows why. The call never got
    /// an answer (429 or connection failures until the retries ran out): nothing.
    private func settle(intent: String, after error: GeminiError) throws -> SubmitError {
        if case .createOutcomeUnknown = error {
            return .outcomeUnknown(intent: intent, reason: error.description)
        }
        if error.isKeyRejected {
            try store.discardIntent(localID: intent)
            return .keyRejected(error.rpcStatus?.description ?? error.description)
        }
        if let http = error.httpStatus, (400..<500).contains(http), http != 429, let status = error.rpcStatus {
            let reason = "HTTP \(http) \(status)"
            try store.failIntent(localID: intent, reason: "the API refused the batch: \(reason)", now: clock())
            return .rejected(reason: reason, intent: intent)
        }
        try store.discardIntent(localID: intent)
        return .rejected(reason: error.description, intent: nil)
    }

    /// Creates the batch; when the answer was lost, finds it by display name, and only when it does
    /// not exist creates it once more.
    private func create(model: String, displayName: String, requests: [BatchRequest]) async throws -> Batch {
        do {
            return try await client.createBatch(model: model, displayName: displayName, requests: requests)
        } catch .createOutcomeUnknown(let name, let underlying) {
            if let found = try await client.findBatch(displayName: displayName) { return found }
            do {
                return try await client.createBatch(model: model, displayName: displayName, requests: requests)
            } catch .createOutcomeUnknown {
                if let found = try await client.findBatch(displayName: displayName) { return found }
                throw GeminiError.createOutcomeUnknown(displayName: name, underlying: underlying)
            }
        }
    }
}
