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
/// A batch whose inline create body would reach the service's 20 MB limit (reference images get there fast)
/// goes through the Files API instead: its requests are written as a JSONL file in the downloads folder (each
/// image streamed from disk), the intent is recorded with the name the file will have (`uploaded_file`, so
/// `prune` can delete it later whatever happens next), the file is uploaded with the resumable protocol and
/// deleted locally, and the batch is created with `inputConfig.fileName`. An upload that fails leaves no batch
/// and no intent; a crash after it leaves the intent, which the next `check` settles by display name like any
/// other, so one intent never makes two batches.
///
/// A create the API refuses (404 for a model it does not serve, 400 for a value it rejects) leaves a
/// failed job carrying the API's message, never a pending one; a refused key leaves nothing.
public struct JobSubmitter: Sendable {
    let store: JobStore
    let client: GeminiBatchClient
    let paths: RootLayout
    let clock: @Sendable () -> Date
    /// Told what a long submit is doing (writing and uploading a JSONL input), one line at a time, for stderr.
    let progress: (@Sendable (String) -> Void)?

    public init(store: JobStore, client: GeminiBatchClient, paths: RootLayout, clock: @escaping @Sendable () -> Date = { Date() },
                progress: (@Sendable (String) -> Void)? = nil) {
        self.store = store
        self.client = client
        self.paths = paths
        self.clock = clock
        self.progress = progress
    }

    public func submit(_ plan: SubmissionPlan) async throws -> Job {
        let token = UUID().uuidString.lowercased()
        let displayName = "pfc-jobs-\(token)"
        let inlineBytes = try BatchRequest.inlineCreateBodyBytes(displayName: displayName, requests: plan.requests)
        guard inlineBytes >= GeminiBatchClient.inlineCreateLimit else {
            return try await submit(plan, displayName: displayName, metadata: plan.metadata) {
                try await client.createBatch(model: plan.model, displayName: displayName, requests: plan.requests)
            }
        }
        return try await submitThroughFile(plan, displayName: displayName, fileName: "files/pfc-" + token.filter { $0 != "-" },
                                           inlineBytes: inlineBytes)
    }

    /// Records the intent, creates the batch (through `create`, which is not idempotent), binds the intent and
    /// writes `batch_metadata` and the tracking file. `beforeCreate` runs between the intent and the create
    /// (the upload of a file-input batch); when it fails nothing was created and the intent goes.
    private func submit(_ plan: SubmissionPlan, displayName: String, metadata: RequestMetadata,
                        beforeCreate: (() async throws -> Void)? = nil,
                        create: () async throws -> Batch) async throws -> Job {
        let intent = try store.createIntent(displayName: displayName,
                                            requestMetadataJSON: JSONValue.object(metadata.object).serialized(), now: clock())
        do {
            try await beforeCreate?()
        } catch let error as GeminiError {
            // Nothing was created: the intent goes, as after a create that never got an answer.
            try store.discardIntent(localID: intent)
            throw error.isKeyRejected ? SubmitError.keyRejected(error.rpcStatus?.description ?? error.description)
                : SubmitError.uploadFailed(error.description)
        }
        let batch: Batch
        do {
            batch = try await createOnce(displayName: displayName, create)
        } catch let error as GeminiError {
            throw try settle(intent: intent, after: error)
        }
        let job = try store.bindIntent(localID: intent, batchName: batch.name, now: clock())
        // The id and time first, as the old tool wrote them.
        var recorded = JSONObject([("batch_job_id", JSONValue(batch.name)),
                                   ("submitted_at", JSONValue(job.submittedAt.map { LegacyTime.format($0.microsecondsSinceEpoch) }))])
        for (key, value) in metadata.object.pairs { recorded[key] = value }
        try BatchMetadataFolder.write(recorded, forJob: batch.name, in: paths.batchMetadataFolder)
        _ = try TrackingExport.run(store: store, to: paths.trackingFile, now: clock())
        return job
    }

    /// The Files API path: the JSONL input is written before anything is recorded (a full disk or an image that
    /// changed since it was checked stops the submit with nothing recorded), the intent carries `uploaded_file`,
    /// the upload runs as the intent's first API call, and the local file goes as soon as it is uploaded.
    private func submitThroughFile(_ plan: SubmissionPlan, displayName: String, fileName: String,
                                   inlineBytes: Int) async throws -> Job {
        progress?("the batch is \(Self.megabytes(Int64(inlineBytes))) with its reference images, over the "
            + "\(GeminiBatchClient.inlineCreateLimit / 1_000_000) MB inline limit: sending it as a JSONL file through the Files API")
        try FileManager.default.createDirectory(at: paths.downloadFolder, withIntermediateDirectories: true)
        let writing = Date()
        let written = try BatchRequest.writeInputFile(plan.requests, in: paths.downloadFolder)
        progress?("wrote the JSONL input (\(Self.megabytes(written.byteCount))) in \(String(format: "%.1f", Date().timeIntervalSince(writing))) s")
        var input: TemporaryFile? = written.file
        let client = client
        let progress = progress
        return try await submit(plan, displayName: displayName, metadata: plan.metadata.withUploadedFile(fileName),
                                beforeCreate: {
            guard let local = input else { return }
            let size = (try? FileManager.default.attributesOfItem(atPath: local.url.path)[.size] as? Int64) ?? 0
            let started = Date()
            do {
                let uploaded = try await client.uploadFile(local.url, name: fileName, displayName: displayName)
                input = nil   // the local copy is removed once the service has it
                let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
                progress?("uploaded \(Self.megabytes(size)) as \(uploaded.name) in \(seconds) s")
                _ = try await client.waitUntilActive(uploaded)
            } catch {
                // The last chunk may have landed with its answer lost, or the file be unusable: none is left behind.
                try? await client.deleteFile(fileName)
                throw error
            }
        }, create: {
            try await client.createBatch(model: plan.model, displayName: displayName, inputFile: fileName)
        })
    }

    /// `612.4 MB`.
    static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }

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
    /// not exist creates it once more. When the lookup itself fails the outcome stays unknown (the intent is
    /// kept for the next check to settle), never "refused": the batch may exist.
    private func createOnce(displayName: String, _ create: () async throws -> Batch) async throws -> Batch {
        do {
            return try await create()
        } catch let error as GeminiError {
            guard case .createOutcomeUnknown(let name, let underlying) = error else { throw error }
            if let found = try await find(displayName, whenUnknown: error) { return found }
            do {
                return try await create()
            } catch let again as GeminiError {
                guard case .createOutcomeUnknown = again else { throw again }
                if let found = try await find(displayName, whenUnknown: again) { return found }
                throw GeminiError.createOutcomeUnknown(displayName: name, underlying: underlying)
            }
        }
    }

    /// The batch named `displayName`, or nil; a failed lookup rethrows `unknown` (the create's outcome).
    private func find(_ displayName: String, whenUnknown unknown: GeminiError) async throws -> Batch? {
        do {
            return try await client.findBatch(displayName: displayName)
        } catch {
            throw unknown
        }
    }
}
