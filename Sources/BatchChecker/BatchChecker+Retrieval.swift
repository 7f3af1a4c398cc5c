import Foundation
import AtomicFiles
import GeminiBatch
import ImageConversion
import JobStore
import LegacyFormat
import OrderedJSON

extension BatchChecker {
    /// Retrieves a finished batch: every item written (or recorded as failed), then the job finished.
    /// A transient problem (download, disk) leaves the job pending with backoff; finished images stay
    /// done, and the next run resumes with the rest.
    func retrieve(_ batch: Batch, claim: Claim, heartbeat: LeaseHeartbeat, workers: BoundedWorkers,
                  report: inout CheckReport) async throws {
        let source: ItemSource
        var downloaded: URL?
        switch batch.output {
        case .inline(let items):
            source = .inline(items)
        case .responsesFile(let name):
            do {
                let url = try await client.downloadResponsesFile(name)
                downloaded = url
                source = .file(try ResponsesFileReader(url: url))
            } catch {
                try recordTransient(claim, reason: "download of \(name) failed: \(error)", report: &report)
                return
            }
        case nil:
            try recordTransient(claim, reason: "the batch succeeded but carries no output yet", report: &report)
            return
        }
        defer { if let downloaded { try? FileManager.default.removeItem(at: downloaded) } }

        let retrieval = JobRetrieval(settings: settings, store: store, claim: claim, heartbeat: heartbeat,
                                     batchModel: batch.model, clock: clock, progress: progress)
        let outcome: JobRetrieval.Outcome
        do {
            outcome = try await BlockingWork.run { try retrieval.run(source, workers: workers) }
        } catch let error as JobStoreError {
            throw error
        } catch {
            try recordTransient(claim, reason: "retrieval interrupted: \(error)", report: &report)
            return
        }
        report.imagesWritten += outcome.written
        report.imagesFailed += outcome.itemFailures.count
        report.errors += outcome.itemFailures.count
        for failure in outcome.itemFailures { logger.warning("Batch job \(claim.jobID): item \(failure)") }

        let total = outcome.done + outcome.itemFailures.count
        let remoteState = batch.state.wireValue
        if total == 0 {
            try store.finish(claim, status: .failed, remoteState: remoteState, error: "the batch finished with no results", now: clock())
            logger.error("Batch job \(claim.jobID) finished with no results")
            report.failed += 1
        } else if outcome.done == 0 {
            let reason = "all \(total) item(s) failed; first: \(outcome.itemFailures.first ?? "")"
            try store.finish(claim, status: .failed, remoteState: remoteState, error: reason, now: clock())
            logger.error("Batch job \(claim.jobID): \(reason)")
            report.failed += 1
        } else {
            let note = outcome.itemFailures.isEmpty ? nil : "\(outcome.itemFailures.count) of \(total) item(s) failed"
            try store.finish(claim, status: .completed, remoteState: remoteState, error: note, now: clock())
            logger.info("Successfully retrieved and processed \(outcome.done) image(s) of \(claim.jobID)")
            report.retrieved += 1
        }
    }
}

/// Where a finished batch's items come from: the Operation body, or a downloaded JSONL file read
/// one line at a time.
enum ItemSource: @unchecked Sendable {
    // @unchecked Sendable: the file reader is used by one thread at a time (the retrieval's producer).
    case inline([BatchItemResult])
    case file(ResponsesFileReader)
}

/// The blocking part of a retrieval, on its own thread: items go one by one to the run's small pool
/// of image workers (shared by the jobs retrieved at the same time) that decode, convert and write
/// them, so both cores work whatever the batches' shape and only a few images are in memory.
struct JobRetrieval: Sendable {
    let settings: CheckerSettings
    let store: JobStore
    let claim: Claim
    let heartbeat: LeaseHeartbeat
    let batchModel: String?
    let clock: @Sendable () -> Date
    let progress: (@Sendable (String) -> Void)?

    struct Outcome: Sendable {
        /// Images done, including those a previous run finished.
        var done = 0
        /// Images written by this run.
        var written = 0
        /// "key: reason" of each failed item.
        var itemFailures: [String] = []
    }

    /// A per-item result handed back from the workers.
    enum ItemResult: Sendable {
        case written
        case failed(String)
        case interrupted(String)
    }

    func run(_ source: ItemSource, workers: BoundedWorkers) throws -> Outcome {
        let request = RequestMetadata((try? claim.job.requestMetadataJSON.map { try JSONValue.parse($0) })??.objectValue ?? JSONObject())
        let prompts = Self.promptsByKey(request)
        let model = request.model ?? batchModel.map { $0.hasPrefix("models/") ? String($0.dropFirst(7)) : $0 } ?? settings.defaultModel
        let writer = ImageWriter(paths: settings.paths, jobID: claim.jobID, request: request, prompts: prompts, model: model,
                                 webpMethod: settings.webpMethod, clock: clock)
        for folder in [settings.paths.originalFolder, settings.paths.jsonFolder] + (request.convertToWebP ? [settings.paths.webpFolder] : []) {
            try AtomicFile.createFolder(folder)
        }
        let finished = Dictionary(try store.images(jobID: claim.jobID).map { ($0.requestKey, $0) }, uniquingKeysWith: { a, _ in a })
        let results = ResultCollector()
        // This job's own items, so it waits for them and not for other jobs' work in the shared pool.
        let submitted = DispatchGroup()
        var outcome = Outcome()
        var usedKeys = Set<String>()
        var stopReason: Error?

        func handle(_ item: BatchItemResult) throws {
            if heartbeat.isLost(claim) { throw JobStoreError.leaseLost(claim.jobID) }
            var key = item.key ?? "req_\(item.index)"
            if usedKeys.contains(key) { key = "\(key)_\(item.index)" }
            usedKeys.insert(key)
            if finished[key]?.state == .done {
                outcome.done += 1
                return
            }
            try store.upsertPendingImages(claim, [ImageRequest(key: key, index: item.index)], now: clock())
            switch item.outcome {
            case .failed(let failure):
                try store.markImageFailed(claim, key: key, error: failure.description, now: clock())
                outcome.itemFailures.append("\(key): \(failure)")
            case .image(let data, let mimeType, _):
                let store = store, claim = claim, clock = clock, key = key
                submitted.enter()
                workers.submit {
                    defer { submitted.leave() }
                    let result: ItemResult
                    do {
                        switch try writer.write(key: key, data: data, mimeType: mimeType) {
                        case .success(let files):
                            try store.markImageDone(claim, key: key, files: files, now: clock())
                            result = .written
                        case .failure(let reason):
                            try store.markImageFailed(claim, key: key, error: reason, now: clock())
                            result = .failed("\(key): \(reason)")
                        }
                    } catch {
                        result = .interrupted("\(key): \(error)")
                    }
                    let finishedCount = results.append(result)
                    progress?("\(claim.jobID): \(finishedCount) image(s) processed")
                }
            }
        }

        do {
            switch source {
            case .inline(let items): for item in items { try handle(item) }
            case .file(let reader): for item in reader { try handle(item) }
            }
        } catch {
            stopReason = error
        }
        submitted.wait()
        for result in results.all {
            switch result {
            case .written: outcome.written += 1; outcome.done += 1
            case .failed(let reason): outcome.itemFailures.append(reason)
            case .interrupted(let reason): stopReason = stopReason ?? RetrievalInterrupted(reason: reason)
            }
        }
        if let stopReason { throw stopReason }
        return outcome
    }

    /// `submit` stores each request's own prompt under `requests` in the job's metadata; the legacy
    /// files have one `prompt` for the whole job.
    static func promptsByKey(_ request: RequestMetadata) -> [String: String] {
        var prompts: [String: String] = [:]
        for entry in request.object["requests"]?.arrayValue ?? [] {
            if let key = entry["key"]?.stringValue, let prompt = entry["prompt"]?.stringValue { prompts[key] = prompt }
        }
        return prompts
    }
}

/// A worker's failure that should stop the job for now (disk full, lease lost), not fail the item.
struct RetrievalInterrupted: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// Results from the worker threads.
final class ResultCollector: @unchecked Sendable {
    // @unchecked Sendable: `items` is only touched while holding `lock`.
    private let lock = NSLock()
    private var items: [JobRetrieval.ItemResult] = []
    /// Returns how many results there are now.
    @discardableResult
    func append(_ item: JobRetrieval.ItemResult) -> Int { lock.withLock { items.append(item); return items.count } }
    var all: [JobRetrieval.ItemResult] { lock.withLock { items } }
}
