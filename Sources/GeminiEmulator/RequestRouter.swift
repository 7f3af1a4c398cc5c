import FlyingFox
import Foundation
import OrderedJSON

/// Turns HTTP requests into calls on `EmulatorState`: the emulated API under `/v1beta/` and `/v1/` (downloads
/// also under `/download/`), and the control API under `/_emulator/`.
struct RequestRouter: Sendable {
    let state: EmulatorState

    /// A routed answer; `body` is set when it streams (from files or padding), so a truncation can cut it.
    struct Routed {
        var response: HTTPResponse
        var body: StreamedBody? = nil
        /// Hold the request this long and hang up instead of answering.
        var hangMilliseconds: Int? = nil

        init(response: HTTPResponse) {
            self.response = response
        }

        init(streaming body: StreamedBody, contentType: String = "application/json; charset=UTF-8") {
            response = body.response(contentType: contentType)
            self.body = body
        }

        static func hang(milliseconds: Int) -> Routed {
            var routed = Routed(response: StatusResponse.notFound())
            routed.hangMilliseconds = milliseconds
            return routed
        }
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        if request.path.hasPrefix("/_emulator/") {
            return await handleControl(request)
        }
        return await handleAPI(request)
    }

    // MARK: emulated API

    private func handleAPI(_ request: HTTPRequest) async -> HTTPResponse {
        let settings = await state.configuration
        let keyInURL = request.query.contains { $0.name == "key" || $0.value.contains(settings.apiKey) }
            || request.path.contains(settings.apiKey)
        await state.recordAPIRequest(keyInURL: keyInURL)
        if settings.hangMilliseconds > 0 {
            await state.recordHang()
            return await BrokenResponses.hang(milliseconds: settings.hangMilliseconds)
        }
        if settings.latencyMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(settings.latencyMilliseconds))
        }
        let fault = await state.drawFault()
        switch fault {
        case .tooManyRequests?:
            let delay = settings.retryAfterSeconds
            return StatusResponse.error(
                429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).",
                details: [.object(JSONObject([("@type", .string("type.googleapis.com/google.rpc.RetryInfo")),
                                   ("retryDelay", .string("\(delay)s"))]))],
                headers: [HTTPHeader("Retry-After"): String(delay)])
        case .internalError?:
            return StatusResponse.error(500, "INTERNAL", "An internal error has occurred. Please retry.")
        case .unavailable?:
            return StatusResponse.error(503, "UNAVAILABLE", "The service is currently unavailable.")
        case .dropConnection?, .truncatedBody?, nil:
            break
        }

        let routed: Routed
        let sentKey = request.headers[HTTPHeader("x-goog-api-key")]
        // An upload session's URL is its own authority (Google's SDK sends its chunks without the key); a key
        // sent along is still checked.
        let sessionCommand = request.path.hasPrefix("/upload/") && request.query.contains { $0.name == "upload_id" }
        if !(sessionCommand && sentKey == nil), let refusal = KeyRefusal.check(sent: sentKey, settings: settings) {
            await state.recordKeyRefusal(refusal)
            // Drain the body so a keep-alive connection stays in step.
            _ = try? await readBody(request, limit: 0)
            routed = Routed(response: refusal.response(legacy: settings.legacyKeyErrors))
        } else {
            routed = await route(request, apiKey: sentKey)
        }
        if let milliseconds = routed.hangMilliseconds {
            return await BrokenResponses.hang(milliseconds: milliseconds)
        }

        switch fault {
        case .dropConnection?:
            return BrokenResponses.dropConnection()
        case .truncatedBody?:
            return await BrokenResponses.truncated(routed.response, body: routed.body)
        default:
            return routed.response
        }
    }

    private func route(_ request: HTTPRequest, apiKey: String?) async -> Routed {
        var path = Substring(request.path)
        let hasDownloadPrefix = path.hasPrefix("/download/")
        if hasDownloadPrefix { path = path.dropFirst("/download".count) }
        let hasUploadPrefix = path.hasPrefix("/upload/")
        if hasUploadPrefix { path = path.dropFirst("/upload".count) }
        let version: String
        if path.hasPrefix("/v1beta/") {
            version = "v1beta"
        } else if path.hasPrefix("/v1/") {
            version = "v1"
        } else {
            return Routed(response: StatusResponse.notFound("Unknown API version in path \(request.path)."))
        }
        path = path.dropFirst(version.count + 2)
        let method = request.method

        if path.hasPrefix("files/"), path.hasSuffix(":download"), method == .GET {
            let fileID = String(path.dropFirst("files/".count).dropLast(":download".count))
            return await download(fileID: fileID)
        }
        if hasDownloadPrefix {
            return Routed(response: StatusResponse.notFound())
        }
        if hasUploadPrefix {
            guard path == "files" else { return Routed(response: StatusResponse.notFound()) }
            return await upload(request, version: version)
        }
        if path.hasPrefix("files/") {
            let id = String(path.dropFirst("files/".count))
            guard Self.requestedFileID(id) != nil || id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
                  !id.isEmpty else {
                return Routed(response: StatusResponse.notFound())
            }
            return await file(request, id: id)
        }
        if path.hasPrefix("models/") || path.hasPrefix("tunedModels/"), path.hasSuffix(":batchGenerateContent") {
            guard method == .POST else { return Routed(response: StatusResponse.notFound()) }
            let model = String(path.dropLast(":batchGenerateContent".count))
            return Routed(response: await create(request, model: model, version: version, apiKey: apiKey))
        }
        if path == "models" || path.hasPrefix("models/") {
            guard method == .GET else { return Routed(response: StatusResponse.notFound()) }
            return Routed(response: await models(request, path: String(path), version: version))
        }
        if path == "batches" {
            guard method == .GET else { return Routed(response: StatusResponse.notFound()) }
            return Routed(response: await list(request))
        }
        guard path.hasPrefix("batches/") else { return Routed(response: StatusResponse.notFound()) }
        let rest = path.dropFirst("batches/".count)
        if rest.hasSuffix(":cancel") {
            guard method == .POST else { return Routed(response: StatusResponse.notFound()) }
            _ = try? await readBody(request, limit: 0)
            let id = String(rest.dropLast(":cancel".count))
            return Routed(response: await state.cancel(id: id) ? StatusResponse.json(.object(JSONObject())) : StatusResponse.notFound())
        }
        guard !rest.isEmpty, !rest.contains(":"), !rest.contains("/") else {
            return Routed(response: StatusResponse.notFound())
        }
        let id = String(rest)
        switch method {
        case .GET:
            do {
                switch try await state.get(id: id) {
                case .notFound: return Routed(response: StatusResponse.notFound())
                case .body(let body): return Routed(streaming: body)
                case .hang(let milliseconds): return .hang(milliseconds: milliseconds)
                }
            } catch {
                return Routed(response: StatusResponse.error(500, "INTERNAL", "The emulator could not render results: \(error)"))
            }
        case .DELETE:
            return Routed(response: await state.delete(id: id) ? StatusResponse.json(.object(JSONObject())) : StatusResponse.notFound())
        default:
            return Routed(response: StatusResponse.notFound())
        }
    }

    /// `models/{m}:batchGenerateContent`: the model must be live (404 NOT_FOUND otherwise, unless
    /// `acceptAnyModel`), the body parse and every request pass the model's rules (400 otherwise).
    private func create(_ request: HTTPRequest, model: String, version: String, apiKey: String?) async -> HTTPResponse {
        let settings = await state.configuration
        let limit = settings.createRequestByteLimit
        let body: Data
        do {
            guard let read = try await readBody(request, limit: limit) else {
                await state.recordRefusedCreate()
                return StatusResponse.invalidArgument(
                    "Request payload size exceeds the limit: \(limit) bytes. Use a JSONL input file for larger batches.")
            }
            body = read
        } catch {
            return StatusResponse.invalidArgument("Could not read the request body.")
        }
        let live = EmulatorModels.live(id: model)
        if live == nil, !settings.acceptAnyModel {
            await state.recordRefusedCreate()
            return StatusResponse.notFound("\(model) is not found for API version \(version), or is not supported for "
                + "batchGenerateContent. Call ListModels to see the list of available models and their supported methods.")
        }
        var parsed: BatchCreateRequest
        do {
            parsed = try BatchCreateRequest(body: body, model: live)
        } catch {
            await state.recordRefusedCreate()
            return StatusResponse.invalidArgument(error.description)
        }
        if let fileName = parsed.inputFileName {
            guard let file = await state.inputFile(id: String(fileName.dropFirst("files/".count))) else {
                await state.recordRefusedCreate()
                return StatusResponse.invalidArgument("batch.input_config.file_name: \(fileName) does not exist (never uploaded, "
                    + "deleted, or expired).")
            }
            do {
                // Reading hundreds of megabytes of requests takes a while: off the state actor.
                parsed.items = try await Task.detached { try BatchCreateRequest.items(fromJSONLines: file.url, model: live) }.value
            } catch {
                await state.recordRefusedCreate()
                return StatusResponse.invalidArgument("\(fileName): \((error as? EmulatorError)?.description ?? "\(error)")")
            }
        }
        let name = model.hasPrefix("models/") || model.hasPrefix("tunedModels/") ? model : "models/" + model
        return StatusResponse.json(await state.create(model: name, request: parsed, apiKey: apiKey))
    }

    private func list(_ request: HTTPRequest) async -> HTTPResponse {
        do {
            let page = try Self.page(request)
            return StatusResponse.json(try await state.list(pageSize: page.size, pageToken: page.token))
        } catch let error as EmulatorError {
            return StatusResponse.invalidArgument(error.description)
        } catch {
            return StatusResponse.error(500, "INTERNAL", "The emulator could not list batches: \(error)")
        }
    }

    /// `pageSize` (0 or absent: the default) and `pageToken` of a list call, in either spelling.
    static func page(_ request: HTTPRequest) throws -> (size: Int, token: String?) {
        let sizeText = request.query.first { $0.name == "pageSize" || $0.name == "page_size" }?.value
        let token = request.query.first { $0.name == "pageToken" || $0.name == "page_token" }?.value
        guard let sizeText else { return (0, token) }
        guard let size = Int(sizeText), size >= 0 else {
            throw EmulatorError.invalidArgument("Invalid value at 'page_size' (\"\(sizeText)\"): expected a non-negative integer.")
        }
        return (size, token)
    }

    private func download(fileID: String) async -> Routed {
        guard let url = await state.responsesFile(fileID: fileID), let segment = try? StreamedBody.file(url) else {
            return Routed(response: StatusResponse.notFound())
        }
        return Routed(streaming: StreamedBody([segment]), contentType: "application/octet-stream")
    }

    /// Reads the whole body, or drains it and returns nil once it passes `limit` bytes: the connection stays
    /// usable and an oversized body is never held in memory.
    func readBody(_ request: HTTPRequest, limit: Int) async throws -> Data? {
        var collected = Data()
        var total = 0
        for try await chunk in request.bodySequence {
            total += chunk.count
            if total <= limit { collected.append(chunk) }
        }
        return total <= limit ? collected : nil
    }
}
