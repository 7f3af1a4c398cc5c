import Foundation
import OrderedJSON

/// How a batch ends, computed away from the state actor: the batch-level script decides FAILED or EXPIRED,
/// otherwise every item is rendered and the output goes inline or, above the limits, into a JSONL file.
struct BatchCompletion: Sendable {
    var state: BatchState
    var output: EmulatedBatch.Output?
    var successfulCount = 0
    var failedCount = 0
    var operationError: (code: Int, message: String)?
    /// A responses file written for this batch, to register under `files/<fileID>`.
    var responsesFile: (fileID: String, url: URL)?

    static func make(for batch: EmulatedBatch, outcomes: [[ScriptedOutcome]], settings: EmulatorConfiguration,
                     workDirectory: URL) throws -> BatchCompletion {
        if outcomes.contains(where: { $0.contains(.batchFailed) }) {
            return BatchCompletion(state: .failed,
                                   operationError: (13, "Batch failed: an internal error occurred (scripted batch-failed)."))
        }
        if outcomes.contains(where: { $0.contains(.expired) }) {
            return BatchCompletion(state: .expired)
        }
        let results = try batch.items.enumerated().map { index, item in
            try ItemResult.make(for: item, index: index, outcomes: outcomes[index], model: batch.model,
                                seed: settings.seed, width: batch.imageWidth, height: batch.imageHeight,
                                style: settings.imageStyle)
        }
        var completion = BatchCompletion(state: .succeeded)
        completion.failedCount = results.filter(\.isFailure).count
        completion.successfulCount = results.count - completion.failedCount

        if results.count <= settings.inlineItemLimit {
            let entries = zip(results, batch.items).map { $0.inlineEntry(for: $1) }
            let size = entries.reduce(0) { $0 + $1.serializedBytes().count }
            if size <= settings.inlineByteLimit {
                completion.output = .inline(entries)
                return completion
            }
        }
        let fileID = "batch-" + batch.id
        let url = workDirectory.appendingPathComponent(fileID + ".jsonl")
        let writer = try JSONLinesWriter(url: url)
        for (index, pair) in zip(results, batch.items).enumerated() {
            try writer.write(pair.0.fileLine(for: pair.1, index: index))
        }
        try writer.close()
        completion.output = .responsesFile(fileName: "files/" + fileID)
        completion.responsesFile = (fileID, url)
        return completion
    }
}
