import Foundation
import OrderedJSON

/// One batch job held by the emulator, with everything needed to render its Operation body.
struct EmulatedBatch: Sendable {
    /// Where a finished batch's output lives.
    enum Output: Sendable {
        /// Inline output: the JSON array of `inlinedResponses` items, written once at completion to this
        /// file and streamed from it (twice) on every GET.
        case inline(itemsFile: URL)
        case responsesFile(fileName: String)
    }

    let id: String
    var name: String { "batches/" + id }
    /// With the `models/` prefix, as `metadata.model` shows it.
    let model: String
    let displayName: String?
    let items: [BatchItem]
    let requestCount: Int
    let imageWidth: Int
    let imageHeight: Int
    let createTime: Date
    var updateTime: Date
    var endTime: Date?
    var state: BatchState
    /// GETs seen so far; drives the poll-based progression.
    var polls = 0
    /// Control-created batches keep the state they were given.
    var isFrozen = false
    var output: Output?
    var successfulCount = 0
    var failedCount = 0
    var operationError: (code: Int, message: String)?

    /// The key the create carried, for the `quote-key` marker only.
    var apiKey: String?
    /// GETs reporting SUCCEEDED (done) that still carry no output, from `[emu:output-lag-N]` or the settings.
    var outputLagPolls = 0
    /// What is left of `outputLagPolls` once the batch has finished.
    var outputLagRemaining = 0
    /// GETs of the unfinished batch are padded to this many bytes (`[emu:status-padding-N]`); 0 is off.
    var statusPaddingBytes = 0
    /// The output goes to a responses file (`[emu:responses-file]` or a control request).
    var forceResponsesFile = false
    /// GETs of this batch are held this long and never answered (`[emu:hang]`, `[emu:hang-N]`).
    var hangMilliseconds: Int?
    /// The uploaded file the requests came from (`inputConfig.fileName`), nil for inline input.
    var inputFileName: String?
    /// What each item was answered, once finished.
    var records: [ItemRecord] = []

    static let metadataType = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch"
    static let outputType = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput"

    /// Model id without `models/`.
    var modelID: String { EmulatorModels.bareID(model) }

    /// The long-running Operation as the real service returns it: no `done` key until terminal, output in
    /// both `metadata.output` and top-level `response` once SUCCEEDED, `error` on FAILED. Inline items
    /// stand as `inlineItems` (a string) where the array goes; `body` puts the items file there.
    func operation(includeOutput: Bool = true, inlineItems: String = "") -> JSONValue {
        var metadata: [(String, JSONValue)] = [("@type", .string(Self.metadataType)), ("model", .string(model))]
        if let displayName { metadata.append(("displayName", .string(displayName))) }
        let outputBody = includeOutput ? outputMembers(inlineItems: inlineItems) : nil
        if let outputBody { metadata.append(("output", .object(JSONObject(outputBody)))) }
        metadata.append(("createTime", .string(Timestamp.format(createTime))))
        if let endTime { metadata.append(("endTime", .string(Timestamp.format(endTime)))) }
        metadata.append(("updateTime", .string(Timestamp.format(updateTime))))
        metadata.append(("batchStats", .object(JSONObject(batchStats()))))
        metadata.append(("state", .string(state.wireValue)))
        metadata.append(("name", .string(name)))

        var operation: [(String, JSONValue)] = [("name", .string(name)), ("metadata", .object(JSONObject(metadata)))]
        if state.isTerminal {
            operation.append(("done", .bool(true)))
            if let outputBody {
                operation.append(("response", .object(JSONObject([("@type", .string(Self.outputType))] + outputBody))))
            }
            if let operationError {
                operation.append(("error", .object(JSONObject([("code", JSONValue(operationError.code)),
                                                    ("message", .string(operationError.message))]))))
            }
        }
        return .object(JSONObject(operation))
    }

    /// The body of a GET: the Operation in memory, except a finished inline batch's items, which stream from
    /// their file in both places, so a body of gigabytes costs a megabyte of buffer.
    func body(includeOutput: Bool = true) throws -> StreamedBody {
        guard includeOutput, state == .succeeded, case .inline(let itemsFile)? = output else {
            return StreamedBody([.bytes(operation(includeOutput: includeOutput).serializedData())])
        }
        let placeholder = "\u{1}emulator-inline-items-\(id)\u{1}"
        let text = operation(includeOutput: true, inlineItems: placeholder).serializedData()
        let needle = JSONValue.string(placeholder).serializedData()
        let items = try StreamedBody.file(itemsFile)
        var segments: [StreamedBody.Segment] = []
        var start = text.startIndex
        while let found = text.range(of: needle, in: start..<text.endIndex) {
            segments.append(.bytes(text.subdata(in: start..<found.lowerBound)))
            segments.append(items)
            start = found.upperBound
        }
        segments.append(.bytes(text.subdata(in: start..<text.endIndex)))
        return StreamedBody(segments)
    }

    /// The Operation (without output) padded with a `emulatorPadding` string member to `total` bytes: a
    /// valid JSON answer far larger than any status needs, streamed from a repeated byte.
    func paddedBody(total: Int) -> StreamedBody {
        let base = operation(includeOutput: false).serializedData()
        let head = base.dropLast() + Data(",\"emulatorPadding\":\"".utf8)
        let tail = Data("\"}".utf8)
        let padding = max(0, total - head.count - tail.count)
        return StreamedBody([.bytes(Data(head)), .repeated(UInt8(ascii: "x"), count: padding), .bytes(tail)])
    }

    private func outputMembers(inlineItems: String) -> [(String, JSONValue)]? {
        guard state == .succeeded, let output else { return nil }
        switch output {
        case .inline:
            return [("inlinedResponses", .object(JSONObject([("inlinedResponses", .string(inlineItems))])))]
        case .responsesFile(let fileName):
            return [("responsesFile", .string(fileName))]
        }
    }

    /// int64 counts travel as strings and zero counts are left out, as on the wire.
    private func batchStats() -> [(String, JSONValue)] {
        var counts: [(String, Int)] = [("requestCount", requestCount)]
        switch state {
        case .pending, .running:
            counts.append(("pendingRequestCount", requestCount))
        case .succeeded, .failed, .cancelled, .expired:
            counts.append(("successfulRequestCount", successfulCount))
            counts.append(("failedRequestCount", failedCount))
        }
        return counts.filter { $0.1 != 0 }.map { ($0.0, .string(String($0.1))) }
    }

    /// `GET /_emulator/batches/{id}`: the batch as the emulator sees it, with what each item was answered.
    var controlRecord: JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(name)), ("model", .string(model)), ("displayName", JSONValue(displayName)),
            ("state", .string(state.wireValue)), ("polls", JSONValue(polls)), ("requestCount", JSONValue(requestCount)),
        ]
        switch output {
        case .inline?: members.append(("output", .string("inline")))
        case .responsesFile(let fileName)?: members.append(("output", .string(fileName)))
        case nil: members.append(("output", .null))
        }
        members.append(("inputFile", JSONValue(inputFileName)))
        members.append(("outputLagRemaining", JSONValue(outputLagRemaining)))
        members.append(("statusPaddingBytes", JSONValue(statusPaddingBytes)))
        let received = items.enumerated().map { index, item in
            records.first { $0.index == index }?.json
                ?? ItemRecord(index: index, key: item.key, outcome: state.isTerminal ? "none" : "pending",
                           referenceImages: item.referenceImages).json
        }
        members.append(("items", .array(received)))
        return .object(JSONObject(members))
    }
}
