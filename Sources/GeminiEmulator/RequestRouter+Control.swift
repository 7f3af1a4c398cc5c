import FlyingFox
import Foundation
import OrderedJSON

/// The test-control API under `/_emulator/` (loopback callers only; no auth, no faults, no latency).
extension RequestRouter {
    func handleControl(_ request: HTTPRequest) async -> HTTPResponse {
        guard Self.isLoopback(request.remoteAddress) else {
            return StatusResponse.error(403, "PERMISSION_DENIED", "The emulator control API answers loopback callers only.")
        }
        let object: [String: Any]
        do {
            guard let body = try await readBody(request, limit: 1 << 20) else {
                return StatusResponse.invalidArgument("control request body is larger than 1 MiB")
            }
            object = body.isEmpty ? [:] : (try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:])
        } catch {
            return StatusResponse.invalidArgument("control request body is not a JSON object")
        }
        do {
            switch (request.method, request.path) {
            case (.GET, "/_emulator/stats"):
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let data = try encoder.encode(await state.stats)
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json"], body: data)
            case (.POST, "/_emulator/reset"):
                await state.reset()
                return StatusResponse.json(.object(JSONObject()))
            case (.POST, "/_emulator/script"):
                return try await script(object)
            case (.POST, "/_emulator/config"):
                return try await configure(object)
            case (.POST, "/_emulator/batches"):
                return try await createControlled(object)
            case (.GET, let path) where path.hasPrefix("/_emulator/files/"):
                let id = String(path.dropFirst("/_emulator/files/".count))
                guard let record = await state.controlFileRecord(id: id.hasPrefix("files/") ? String(id.dropFirst(6)) : id) else {
                    return StatusResponse.notFound("No uploaded file named files/\(id).")
                }
                return StatusResponse.json(record)
            case (.GET, let path) where path.hasPrefix("/_emulator/batches/"):
                let id = try Self.batchID(fromName: String(path.dropFirst("/_emulator/batches/".count)))
                guard let record = await state.controlRecord(id: id) else {
                    return StatusResponse.notFound("No batch named batches/\(id).")
                }
                return StatusResponse.json(record)
            default:
                return StatusResponse.notFound("No control endpoint \(request.method.rawValue) \(request.path).")
            }
        } catch let error as EmulatorError {
            return StatusResponse.invalidArgument(error.description)
        } catch {
            return StatusResponse.error(500, "INTERNAL", "control request failed: \(error)")
        }
    }

    /// `{"prompt": "exact text", "outcomes": ["blocked"]}` (or `"outcome": "blocked"`).
    private func script(_ object: [String: Any]) async throws -> HTTPResponse {
        guard let prompt = object["prompt"] as? String else {
            throw EmulatorError.invalidArgument("script: field 'prompt' (string) is required")
        }
        let names = (object["outcomes"] as? [String]) ?? (object["outcome"] as? String).map { [$0] } ?? []
        let outcomes = try names.map { name in
            guard let outcome = ScriptedOutcome(rawValue: name) else {
                throw EmulatorError.invalidArgument("script: unknown outcome '\(name)'; expected one of "
                    + ScriptedOutcome.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return outcome
        }
        await state.script(prompt: prompt, outcomes: outcomes)
        return StatusResponse.json(.object(JSONObject()))
    }

    /// `{"state": "SUCCEEDED", "items": N, "prompts": [...], "imageSize": "WxH", "displayName": ..., "model": ...,
    /// "output": "inline"|"file", "outputLagPolls": N, "statusPaddingBytes": N, "responsesFileBytes": N, "name": ...}`:
    /// a batch fixed in the given state. `prompts` gives its items (keys `item-1`...) with their markers;
    /// `model` defaults to gemini-3-pro-image (so answers carry thought parts) and is not checked against the
    /// catalogue; with `responsesFileBytes`, a SUCCEEDED batch whose responses file is synthetic, made of
    /// repeated valid lines up to at least that size. `name` (`batches/<id>` or a bare id of letters, digits,
    /// `_` and `-`) replaces the generated id, so tests can serve jobs that legacy files name, e.g.
    /// `batch_20260207_210000`. Answers the batch's first GET body.
    private func createControlled(_ object: [String: Any]) async throws -> HTTPResponse {
        let settings = await state.configuration
        let stateName = object["state"] as? String ?? "SUCCEEDED"
        guard let batchState = BatchState(loosely: stateName) else {
            throw EmulatorError.invalidArgument("batches: unknown state '\(stateName)'")
        }
        var (width, height) = (settings.imageWidth, settings.imageHeight)
        if let size = object["imageSize"] as? String { (width, height) = try Self.parseImageSize(size) }
        let prompts = try object["prompts"].map { value -> [String] in
            guard let list = value as? [String], !list.isEmpty else {
                throw EmulatorError.invalidArgument("batches: 'prompts' must be a non-empty list of strings")
            }
            return list
        }
        let itemCount = prompts?.count ?? object["items"] as? Int ?? 1
        guard itemCount >= 1 else { throw EmulatorError.invalidArgument("batches: 'items' must be at least 1") }
        let model = object["model"] as? String ?? "gemini-3-pro-image"
        let id: String
        if let name = object["name"] {
            guard let text = name as? String else { throw EmulatorError.invalidArgument("batches: 'name' must be a string") }
            id = try Self.batchID(fromName: text)
            guard await !state.hasBatch(id: id) else {
                throw EmulatorError.invalidArgument("batches: a batch named 'batches/\(id)' already exists")
            }
        } else {
            id = await state.newBatchID()
        }
        let outputName = object["output"] as? String ?? "inline"
        guard ["inline", "file"].contains(outputName) else {
            throw EmulatorError.invalidArgument("batches: 'output' must be \"inline\" or \"file\"")
        }

        var responsesFile: URL?
        var requestCount = itemCount
        if let targetBytes = object["responsesFileBytes"] as? Int {
            guard batchState == .succeeded else {
                throw EmulatorError.invalidArgument("batches: 'responsesFileBytes' needs state SUCCEEDED")
            }
            let url = state.workDirectory.appendingPathComponent("batch-\(id).jsonl")
            var context = RenderContext(modelID: EmulatorModels.bareID(model), seed: settings.seed, width: width, height: height)
            context.thoughts = settings.thoughts
            context.draftImages = settings.draftImages
            let template = context
            // Writing a gigabyte takes seconds: keep it off the state actor so other requests go on.
            requestCount = try await Task.detached {
                try SyntheticResponses.write(to: url, targetBytes: targetBytes, context: template)
            }.value
            responsesFile = url
        }
        let items = (0..<(responsesFile == nil ? itemCount : 0)).map {
            BatchItem(key: "item-\($0 + 1)", prompt: prompts?[$0] ?? "synthetic prompt \($0 + 1)")
        }
        let now = Date()
        var batch = EmulatedBatch(
            id: id, model: model.hasPrefix("models/") ? model : "models/" + model,
            displayName: object["displayName"] as? String, items: items, requestCount: requestCount,
            imageWidth: width, imageHeight: height, createTime: now, updateTime: now, state: batchState)
        if batchState.isTerminal { batch.endTime = now }
        if batchState == .failed { batch.operationError = (13, "Batch failed (created failed by the control API).") }
        if responsesFile != nil { batch.successfulCount = requestCount }
        batch.forceResponsesFile = outputName == "file"
        // No create carried a key: `[emu:quote-key]` quotes the accepted one.
        batch.apiKey = settings.apiKey
        batch.outputLagPolls = try Self.nonNegative(object, "outputLagPolls", "batches") ?? settings.outputLagPolls
        batch.statusPaddingBytes = try Self.nonNegative(object, "statusPaddingBytes", "batches") ?? 0
        return Routed(streaming: try await state.insertControlled(batch, responsesFile: responsesFile)).response
    }

    /// An optional non-negative integer field of a control body.
    static func nonNegative(_ object: [String: Any], _ name: String, _ endpoint: String) throws -> Int? {
        guard let value = object[name], !(value is NSNull) else { return nil }
        guard let number = value as? Int, number >= 0 else {
            throw EmulatorError.invalidArgument("\(endpoint): '\(name)' must be a non-negative integer")
        }
        return number
    }

    /// The id part of a control-given batch name; only characters that are safe in a URL path segment.
    static func batchID(fromName name: String) throws -> String {
        let id = name.hasPrefix("batches/") ? String(name.dropFirst("batches/".count)) : name
        let allowed = id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard !id.isEmpty, id.count <= 128, allowed else {
            throw EmulatorError.invalidArgument("batches: name '\(name)' must be 'batches/<id>' or a bare id of A-Z a-z 0-9 _ -")
        }
        return id
    }

    static func parseImageSize(_ text: String) throws -> (Int, Int) {
        let parts = text.lowercased().split(separator: "x")
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]),
              (1...8192).contains(width), (1...8192).contains(height) else {
            throw EmulatorError.invalidArgument("image size '\(text)' must look like WIDTHxHEIGHT, each 1...8192")
        }
        return (width, height)
    }

    static func isLoopback(_ address: HTTPRequest.Address?) -> Bool {
        switch address {
        case .ip4(let ip, port: _): return ip.hasPrefix("127.")
        case .ip6(let ip, port: _): return ip == "::1" || ip.hasPrefix("::ffff:127.")
        case .unix: return true
        case nil: return false
        }
    }
}
