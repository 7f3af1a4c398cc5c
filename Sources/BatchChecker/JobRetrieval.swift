import Foundation
import AtomicFiles
import GeminiBatch
import JobStore
import LegacyFormat
import ModelCatalogue
import OrderedJSON

/// The blocking part of a retrieval, on one of the run's job threads: it reads the batch's items one by one
/// (``BatchItems``: from disk, one item in memory at a time) and hands each image to the run's image workers,
/// shared by the jobs retrieved at the same time, that decode, convert and write them. The hand-over waits
/// while the workers are busy, so memory does not grow with the batch.
struct JobRetrieval: Sendable {
    let settings: CheckerSettings
    let store: JobStore
    let context: JobContext
    let batchModel: String?
    let clock: @Sendable () -> Date
    let progress: (@Sendable (CheckProgress) -> Void)?

    struct Outcome: Sendable {
        /// Images done, including those a previous run finished.
        var done = 0
        /// Images written by this run.
        var written = 0
        var failures: [ItemProblem] = []
        /// Images kept without a part the job asked for (a WebP too large to make).
        var conversionFailures: [String] = []
        /// What the items cost by their token counts (batch prices); nil when no item reported usage or the
        /// model has no price.
        var actualCostUSD: Double?
    }

    /// One image's fate, reported by a worker.
    enum ImageOutcome: Sendable {
        case written(note: String?)
        case failed(ItemProblem)
        /// Not the item's fault (disk full, lease lost): the job stops for now and resumes next run.
        case interrupted(String)
    }

    var claim: Claim { context.claim }

    func run(_ items: BatchItems) throws -> Outcome {
        let request = claim.job.requestMetadata
        let model = request.model ?? batchModel.map(ModelCatalogue.bareID) ?? settings.defaultModel
        let writer = ImageWriter(paths: settings.paths, jobID: claim.jobID, request: request, model: model,
                                 webpMethod: settings.webpMethod, clock: clock)
        for folder in [settings.paths.originalFolder, settings.paths.jsonFolder] + (request.convertToWebP ? [settings.paths.webpFolder] : []) {
            try AtomicFile.createFolder(folder)
        }
        let finished = Dictionary(try store.images(jobID: claim.jobID).map { ($0.requestKey, $0) }, uniquingKeysWith: { a, _ in a })
        let results = ImageOutcomes()
        // This job's own images, so it waits for them and not for other jobs' work in the shared pool.
        let submitted = DispatchGroup()
        var outcome = Outcome()
        var usedKeys = Set<String>()
        var stopReason: Error?

        // Progress counts items settled (written, failed, or done before), not merely read.
        let progress = self.progress, jobID = claim.jobID, total = items.count
        let report: @Sendable (Int) -> Void = { settled in progress?(.retrieving(jobID: jobID, done: settled, total: total)) }

        func handle(_ item: BatchItemResult) throws {
            if context.heartbeat.isLost(claim) { throw JobStoreError.leaseLost(claim.jobID) }
            var key = item.key ?? "req_\(item.index)"
            if usedKeys.contains(key) { key = "\(key)_\(item.index)" }
            usedKeys.insert(key)
            if let usage = item.usage,
               let cost = settings.prices.actualCost(model: model, usage: usage, searchGrounding: request.searchGrounding) {
                outcome.actualCostUSD = PriceTable.rounded((outcome.actualCostUSD ?? 0) + cost)
            }
            switch item.outcome {
            case .failed(let failure):
                defer { report(results.settle()) }
                if finished[key]?.state == .done { outcome.done += 1; return }
                try store.upsertPendingImages(claim, [ImageRequest(key: key, index: item.index)], now: clock())
                try store.markImageFailed(claim, key: key, error: failure.description, now: clock())
                outcome.failures.append(ItemProblem(key: key, reason: failure.description))
            case .images(let images):
                // Usually one final image; a response with several gets a file each: key, key_2, key_3, ...
                for (position, image) in images.enumerated() {
                    let imageKey = position == 0 ? key : "\(key)_\(position + 1)"
                    if finished[imageKey]?.state == .done {
                        outcome.done += 1
                        report(results.settle())
                        continue
                    }
                    try store.upsertPendingImages(claim, [ImageRequest(key: imageKey, index: item.index)], now: clock())
                    submit(image, key: imageKey, requestKey: key, writer: writer, results: results, group: submitted,
                           report: report)
                }
            }
        }

        do {
            for item in items { try handle(item) }
        } catch {
            stopReason = error
        }
        submitted.wait()
        for result in results.all {
            switch result {
            case .written(let note):
                outcome.written += 1
                outcome.done += 1
                if let note { outcome.conversionFailures.append(note) }
            case .failed(let problem): outcome.failures.append(problem)
            case .interrupted(let reason): stopReason = stopReason ?? RetrievalInterrupted(reason: reason)
            }
        }
        if let stopReason { throw stopReason }
        return outcome
    }

    private func submit(_ image: ItemImage, key: String, requestKey: String, writer: ImageWriter, results: ImageOutcomes,
                        group: DispatchGroup, report: @escaping @Sendable (Int) -> Void) {
        let store = store, claim = claim, clock = clock
        group.enter()
        let accepted = context.imageThreads.submit {
            defer { group.leave() }
            let result: ImageOutcome
            do {
                switch try writer.write(key: key, requestKey: requestKey, image: image) {
                case .success(let files):
                    try store.markImageDone(claim, key: key, files: files, now: clock())
                    result = .written(note: files.note.map { "\(key): \($0)" })
                case .failure(let reason):
                    try store.markImageFailed(claim, key: key, error: reason, now: clock())
                    result = .failed(ItemProblem(key: key, reason: reason))
                }
            } catch {
                result = .interrupted("\(key): \(error)")
            }
            report(results.append(result))
        }
        if !accepted {
            results.append(.interrupted("\(key): the run is stopping"))
            group.leave()
        }
    }
}

/// A worker's failure that should stop the job for now (disk full, lease lost), not fail the item.
struct RetrievalInterrupted: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// Results from the image workers, and how many items are settled so far (for progress).
final class ImageOutcomes: @unchecked Sendable {
    // @unchecked Sendable: `items` and `settled` are only touched while holding `lock`.
    private let lock = NSLock()
    private var items: [JobRetrieval.ImageOutcome] = []
    private var settled = 0

    /// Records a worker's result; returns the items settled so far.
    @discardableResult
    func append(_ item: JobRetrieval.ImageOutcome) -> Int {
        lock.withLock {
            items.append(item)
            settled += 1
            return settled
        }
    }

    /// Counts an item settled without a worker (failed, or done by an earlier run); returns the total.
    func settle() -> Int { lock.withLock { settled += 1; return settled } }

    var all: [JobRetrieval.ImageOutcome] { lock.withLock { items } }
}
