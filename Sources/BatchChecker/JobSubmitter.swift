import Foundation
import GeminiBatch
import JobStore
import LegacyFormat
import OrderedJSON
import PFCConfig

/// Submits a batch of image prompts so that a lost answer never bills twice: the job is recorded
/// locally (an intent with a unique display name) before the API is called, and when the create
/// call's outcome is unknown the batch is looked up by that name before anything is created again.
///
/// ```swift
/// let submitter = JobSubmitter(store: store, client: client, paths: config.paths)
/// let job = try await submitter.submit(JobSubmission(prompts: ["A frog reading a newspaper"], model: config.defaultModel))
/// print(job.id)   // batches/...
/// ```
public struct JobSubmitter: Sendable {
    let store: JobStore
    let client: GeminiBatchClient
    let paths: ImagePaths
    let clock: @Sendable () -> Date

    public init(store: JobStore, client: GeminiBatchClient, paths: ImagePaths, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.client = client
        self.paths = paths
        self.clock = clock
    }

    public func submit(_ submission: JobSubmission) async throws -> Job {
        let displayName = "pfc-jobs-\(UUID().uuidString.lowercased())"
        let requests = submission.prompts.enumerated().map { index, prompt in
            BatchRequest(key: "req_\(index)", prompt: prompt, aspectRatio: submission.aspectRatio,
                         imageSize: submission.apiImageSize)
        }
        var metadata = submission.requestMetadata(requests: requests)
        let intent = try store.createIntent(displayName: displayName, requestMetadataJSON: JSONValue.object(metadata).serialized(),
                                            now: clock())
        let batch: Batch
        do {
            batch = try await create(model: submission.model, displayName: displayName, requests: requests)
        } catch let error as GeminiError {
            if case .createOutcomeUnknown = error {
                // Kept: the batch may exist; `list` shows the intent, and nothing is billed twice.
                throw SubmitError.outcomeUnknown(intent: intent, reason: error.description)
            }
            try store.discardIntent(localID: intent)
            throw SubmitError.rejected(error.description)
        }
        let job = try store.bindIntent(localID: intent, batchName: batch.name, now: clock())
        metadata["batch_job_id"] = JSONValue(batch.name)
        metadata["submitted_at"] = JSONValue(job.submittedAt.map { LegacyTime.format($0.microsecondsSinceEpoch) })
        try BatchMetadataFolder.write(metadata, forJob: batch.name, in: paths.batchMetadataFolder)
        _ = try TrackingExport.run(store: store, to: paths.trackingFile, now: clock())
        return job
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

/// Why a submission did not go through.
public enum SubmitError: Error, Sendable, CustomStringConvertible {
    /// The API refused the batch; nothing was recorded.
    case rejected(String)
    /// The API may or may not have created the batch and it could not be found; the local intent is kept.
    case outcomeUnknown(intent: String, reason: String)
    /// Bad input (prompts file, options).
    case invalidInput(String)

    public var description: String {
        switch self {
        case .rejected(let reason): "the API refused the batch: \(reason)"
        case .outcomeUnknown(let intent, let reason):
            "could not confirm the batch was created (\(reason)); recorded as \(intent), look it up before submitting again"
        case .invalidInput(let reason): reason
        }
    }
}
