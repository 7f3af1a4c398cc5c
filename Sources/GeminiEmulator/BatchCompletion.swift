import Foundation
import OrderedJSON

/// How a batch ends, computed away from the state actor: the batch-level script decides FAILED or EXPIRED,
/// otherwise every item is rendered, one at a time, straight into the batch's items file (inline output,
/// the default: inline input gets inline output however big) or into a JSONL responses file (forced, or
/// past the optional `inlineItemLimit` / `inlineByteLimit`). Memory holds one item at a time.
struct BatchCompletion: Sendable {
    var state: BatchState
    var output: EmulatedBatch.Output?
    var successfulCount = 0
    var failedCount = 0
    var operationError: (code: Int, message: String)?
    /// A responses file written for this batch, to register under `files/<fileID>`.
    var responsesFile: (fileID: String, url: URL)?
    var records: [ItemRecord] = []

    static func make(for batch: EmulatedBatch, outcomes: [[ScriptedOutcome]], settings: EmulatorConfiguration,
                     workDirectory: URL) throws -> BatchCompletion {
        if outcomes.contains(where: { $0.contains(.batchFailed) }) {
            var message = "Batch failed: an internal error occurred (scripted batch-failed)."
            if outcomes.contains(where: { $0.contains(.quoteKey) }) {
                message = "Batch failed: the API key \(batch.apiKey ?? "<none>") lost access to the model while the batch ran."
            }
            return BatchCompletion(state: .failed, operationError: (13, message))
        }
        if outcomes.contains(where: { $0.contains(.expired) }) {
            return BatchCompletion(state: .expired)
        }
        let context = RenderContext(modelID: batch.modelID, seed: settings.seed, width: batch.imageWidth,
                                    height: batch.imageHeight, style: settings.imageStyle, thoughts: settings.thoughts,
                                    draftImages: settings.draftImages, apiKey: batch.apiKey)
        let overItemLimit = settings.inlineItemLimit.map { batch.items.count > $0 } ?? false
        let toFile = settings.forceResponsesFile || batch.forceResponsesFile || overItemLimit
        let fileID = "batch-" + batch.id
        let linesURL = workDirectory.appendingPathComponent(fileID + ".jsonl")
        let itemsURL = workDirectory.appendingPathComponent("inline-\(batch.id).json")
        // With a byte limit the choice comes after rendering: write both, keep one.
        let writeInline = !toFile
        let writeLines = toFile || settings.inlineByteLimit != nil
        let items = writeInline ? try JSONLinesWriter(url: itemsURL) : nil
        let lines = writeLines ? try JSONLinesWriter(url: linesURL) : nil

        var completion = BatchCompletion(state: .succeeded)
        var inlineBytes = 0
        try items?.writeRaw(Data("[".utf8))
        // Items render a window at a time on every core (a photo-like 1024 px PNG takes most of a second to
        // encode), and are written in input order; memory holds one window.
        let window = max(1, ProcessInfo.processInfo.activeProcessorCount)
        for start in stride(from: 0, to: batch.items.count, by: window) {
            let indices = Array(start..<min(start + window, batch.items.count))
            let slots = RenderSlots(count: indices.count)
            DispatchQueue.concurrentPerform(iterations: indices.count) { slot in
                let index = indices[slot]
                let item = batch.items[index]
                slots.store(slot, Result {
                    try ItemRenderer.render(item, index: index, outcomes: outcomes[index],
                                            parameters: PromptParameters(prompt: item.prompt), context: context,
                                            statusLines: settings.statusFileLines)
                })
            }
            for (slot, index) in indices.enumerated() {
                let rendered = try slots.take(slot)
                if rendered.result.isFailure { completion.failedCount += 1 } else { completion.successfulCount += 1 }
                completion.records.append(rendered.record)
                if let items {
                    let entry = rendered.inlineEntry.serializedData()
                    inlineBytes += entry.count
                    if index > 0 { try items.writeRaw(Data(",".utf8)) }
                    try items.writeRaw(entry)
                }
                try lines?.write(rendered.fileLine)
            }
        }
        try items?.writeRaw(Data("]".utf8))
        try items?.close()
        try lines?.close()

        let overByteLimit = settings.inlineByteLimit.map { inlineBytes > $0 } ?? false
        if writeInline && !overByteLimit {
            if writeLines { try? FileManager.default.removeItem(at: linesURL) }
            completion.output = .inline(itemsFile: itemsURL)
        } else {
            if writeInline { try? FileManager.default.removeItem(at: itemsURL) }
            completion.output = .responsesFile(fileName: "files/" + fileID)
            completion.responsesFile = (fileID, linesURL)
        }
        return completion
    }
}
