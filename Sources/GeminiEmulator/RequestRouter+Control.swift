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

    /// Changes live settings; every field is optional:
    /// `latencyMs`, `faultRate`, `faults` ("429,drop" or a list), `seed` (re-seeds faults), `pollsUntilRunning`,
    /// `pollsUntilDone`, `secondsUntilDone` (null disables), `imageSize` ("WxH"), `imageStyle` ("smooth" or
    /// "photo"), `inlineLimit`,
    /// `inlineByteLimit`, `retryAfterSeconds`.
    private func configure(_ object: [String: Any]) async throws -> HTTPResponse {
        var settings = await state.configuration
        func int(_ name: String) throws -> Int? {
            guard let value = object[name], !(value is NSNull) else { return nil }
            guard let number = value as? Int else { throw EmulatorError.invalidArgument("config: '\(name)' must be an integer") }
            return number
        }
        if let value = try int("latencyMs") { settings.latencyMilliseconds = value }
        if let value = object["faultRate"] {
            guard let rate = value as? Double, (0...1).contains(rate) else {
                throw EmulatorError.invalidArgument("config: 'faultRate' must be a number in 0...1")
            }
            settings.faultRate = rate
        }
        if let value = object["faults"] {
            if let text = value as? String {
                settings.faultKinds = try FaultKind.parseList(text)
            } else if let list = value as? [String] {
                settings.faultKinds = try FaultKind.parseList(list.joined(separator: ","))
            } else {
                throw EmulatorError.invalidArgument("config: 'faults' must be a string or a list of strings")
            }
        }
        if let value = try int("pollsUntilRunning") { settings.pollsUntilRunning = value }
        if let value = try int("pollsUntilDone") { settings.pollsUntilDone = value }
        if object.keys.contains("secondsUntilDone") {
            settings.secondsUntilDone = object["secondsUntilDone"] as? Double
        }
        if let size = object["imageSize"] as? String {
            (settings.imageWidth, settings.imageHeight) = try Self.parseImageSize(size)
        }
        if let value = object["imageStyle"] {
            guard let name = value as? String, let style = ImageStyle(rawValue: name) else {
                throw EmulatorError.invalidArgument("config: 'imageStyle' must be one of "
                    + ImageStyle.allCases.map(\.rawValue).joined(separator: ", "))
            }
            settings.imageStyle = style
        }
        if let value = try int("inlineLimit") { settings.inlineItemLimit = value }
        if let value = try int("inlineByteLimit") { settings.inlineByteLimit = value }
        if let value = try int("retryAfterSeconds") { settings.retryAfterSeconds = value }
        let seed = try int("seed").map { UInt64(truncatingIfNeeded: $0) }
        await state.apply(settings, faultSeed: seed)
        return StatusResponse.json(.object(JSONObject()))
    }

    /// `{"state": "SUCCEEDED", "items": N, "imageSize": "WxH", "displayName": ..., "model": ...,
    /// "responsesFileBytes": N, "name": ...}`: a batch fixed in the given state; with `responsesFileBytes`, a
    /// SUCCEEDED batch whose responses file is synthetic, made of repeated valid lines up to at least that size.
    /// `name` (`batches/<id>` or a bare id of letters, digits, `_` and `-`) replaces the generated id, so
    /// tests can serve jobs that legacy files name, e.g. `batch_20260207_210000`.
    private func createControlled(_ object: [String: Any]) async throws -> HTTPResponse {
        let settings = await state.configuration
        let stateName = object["state"] as? String ?? "SUCCEEDED"
        guard let batchState = BatchState(loosely: stateName) else {
            throw EmulatorError.invalidArgument("batches: unknown state '\(stateName)'")
        }
        var (width, height) = (settings.imageWidth, settings.imageHeight)
        if let size = object["imageSize"] as? String { (width, height) = try Self.parseImageSize(size) }
        let itemCount = object["items"] as? Int ?? 1
        guard itemCount >= 1 else { throw EmulatorError.invalidArgument("batches: 'items' must be at least 1") }
        let model = object["model"] as? String ?? "models/gemini-2.5-flash-image"
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

        var responsesFile: URL?
        var requestCount = itemCount
        if let targetBytes = object["responsesFileBytes"] as? Int {
            guard batchState == .succeeded else {
                throw EmulatorError.invalidArgument("batches: 'responsesFileBytes' needs state SUCCEEDED")
            }
            let url = state.workDirectory.appendingPathComponent("batch-\(id).jsonl")
            let seed = settings.seed
            // Writing a gigabyte takes seconds: keep it off the state actor so other requests go on.
            requestCount = try await Task.detached {
                try SyntheticResponses.write(to: url, targetBytes: targetBytes, width: width, height: height, seed: seed)
            }.value
            responsesFile = url
        }
        let items = (0..<(responsesFile == nil ? itemCount : 0)).map {
            BatchItem(key: "item-\($0 + 1)", prompt: "synthetic prompt \($0 + 1)")
        }
        let now = Date()
        var batch = EmulatedBatch(
            id: id, model: model.hasPrefix("models/") ? model : "models/" + model,
            displayName: object["displayName"] as? String, items: items, requestCount: requestCount,
            imageWidth: width, imageHeight: height, createTime: now, updateTime: now, state: batchState)
        if batchState.isTerminal { batch.endTime = now }
        if batchState == .failed { batch.operationError = (13, "Batch failed (created failed by the control API).") }
        if responsesFile != nil { batch.successfulCount = requestCount }
        return StatusResponse.json(try await state.insertControlled(batch, responsesFile: responsesFile))
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
