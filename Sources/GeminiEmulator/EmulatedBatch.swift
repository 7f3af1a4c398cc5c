import Foundation
import OrderedJSON

/// One batch job held by the emulator, with everything needed to render its Operation body.
struct EmulatedBatch: Sendable {
    /// Where a finished batch's output lives.
    enum Output: Sendable {
        case inline([JSONValue])
        case responsesFile(fileName: String)
    }

    let id: String
    var name: String { "batches/" + id }
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

    var scriptedBatchOutcome: ScriptedOutcome?

    static let metadataType = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch"
    static let outputType = "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatchOutput"

    /// The long-running Operation as the real service returns it: no `done` key until terminal, output in
    /// both `metadata.output` and top-level `response` once SUCCEEDED, `error` on FAILED.
    func operation(includeOutput: Bool = true) -> JSONValue {
        var metadata: [(String, JSONValue)] = [("@type", .string(Self.metadataType)), ("model", .string(model))]
        if let displayName { metadata.append(("displayName", .string(displayName))) }
        let outputBody = includeOutput ? outputMembers() : nil
        if let outputBody { metadata.append(("output", .object(JSONObject(outputBody)))) }
        metadata.append(("createTime", .string(Timestamp.format(createTime))))
        if let endTime { metadata.append(("endTime", .string(Timestamp.format(endTime)))) }
        metadata.append(("updateTime", .string(Timestamp.format(updateTime))))
        metadata.append(("batchStats", .object(JSONObject(batchStats()))))
        metadata.append(("state", .string(state.rawValue)))
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

    private func outputMembers() -> [(String, JSONValue)]? {
        guard state == .succeeded, let output else { return nil }
        switch output {
        case .inline(let responses):
            return [("inlinedResponses", .object(JSONObject([("inlinedResponses", .array(responses))])))]
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
}
