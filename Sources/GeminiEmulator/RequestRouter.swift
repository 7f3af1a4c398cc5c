import FlyingFox
import Foundation
import OrderedJSON

/// Turns HTTP requests into calls on `EmulatorState`: the emulated API under `/v1beta/` and `/v1/` (downloads
/// also under `/download/`), and the control API under `/_emulator/`.
struct RequestRouter: Sendable {
    let state: EmulatorState

    /// A routed answer; `fileURL` is set when the body streams from a responses file.
    struct Routed {
        var response: HTTPResponse
        var fileURL: URL? = nil
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
        if request.headers[HTTPHeader("x-goog-api-key")] != settings.apiKey {
            await state.recordPermissionDenied()
            // Drain the body so a keep-alive connection stays in step.
            _ = try? await readBody(request, limit: 0)
            routed = Routed(response: StatusResponse.error(
                403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API."))
        } else {
            routed = await route(request)
        }

        switch fault {
        case .dropConnection?:
            return BrokenResponses.dropConnection()
        case .truncatedBody?:
            return await BrokenResponses.truncated(routed.response, fileURL: routed.fileURL)
        default:
            return routed.response
        }
    }

    private func route(_ request: HTTPRequest) async -> Routed {
        var path = Substring(request.path)
        let hasDownloadPrefix = path.hasPrefix("/download/")
        if hasDownloadPrefix { path = path.dropFirst("/download".count) }
        if path.hasPrefix("/v1beta/") {
            path = path.dropFirst("/v1beta/".count)
        } else if path.hasPrefix("/v1/") {
            path = path.dropFirst("/v1/".count)
        } else {
            return Routed(response: StatusResponse.notFound("Unknown API version in path \(request.path)."))
        }
        let method = request.method

        if path.hasPrefix("files/"), path.hasSuffix(":download"), method == .GET {
            let fileID = String(path.dropFirst("files/".count).dropLast(":download".count))
            return await download(fileID: fileID)
        }
        if hasDownloadPrefix {
            return Routed(response: StatusResponse.notFound())
        }
        if path.hasPrefix("models/") || path.hasPrefix("tunedModels/"), path.hasSuffix(":batchGenerateContent") {
            guard method == .POST else { return Routed(response: StatusResponse.notFound()) }
            return Routed(response: await create(request, model: String(path.dropLast(":batchGenerateContent".count))))
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
                guard let operation = try await state.get(id: id) else { return Routed(response: StatusResponse.notFound()) }
                return Routed(response: StatusResponse.json(operation))
            } catch {
                return Routed(response: StatusResponse.error(500, "INTERNAL", "The emulator could not render results: \(error)"))
            }
        case .DELETE:
            return Routed(response: await state.delete(id: id) ? StatusResponse.json(.object(JSONObject())) : StatusResponse.notFound())
        default:
            return Routed(response: StatusResponse.notFound())
        }
    }

    private func create(_ request: HTTPRequest, model: String) async -> HTTPResponse {
        let limit = await state.configuration.createRequestByteLimit
        let body: Data
        do {
            guard let read = try await readBody(request, limit: limit) else {
                return StatusResponse.invalidArgument(
                    "Request payload size exceeds the limit: \(limit) bytes. Use a JSONL input file for larger batches.")
            }
            body = read
        } catch {
            return StatusResponse.invalidArgument("Could not read the request body.")
        }
        let parsed: BatchCreateRequest
        do {
            parsed = try BatchCreateRequest(body: body)
        } catch {
            return StatusResponse.invalidArgument(error.description)
        }
        return StatusResponse.json(await state.create(model: model, request: parsed))
    }

    private func list(_ request: HTTPRequest) async -> HTTPResponse {
        let pageSize = request.query.first { $0.name == "pageSize" || $0.name == "page_size" }.flatMap { Int($0.value) } ?? 0
        let token = request.query.first { $0.name == "pageToken" || $0.name == "page_token" }?.value
        do {
            return StatusResponse.json(try await state.list(pageSize: pageSize, pageToken: token))
        } catch let error as EmulatorError {
            return StatusResponse.invalidArgument(error.description)
        } catch {
            return StatusResponse.error(500, "INTERNAL", "The emulator could not list batches: \(error)")
        }
    }

    private func download(fileID: String) async -> Routed {
        guard let url = await state.responsesFile(fileID: fileID),
              let body = try? HTTPBodySequence(file: url, suggestedBufferSize: 1 << 20) else {
            return Routed(response: StatusResponse.notFound())
        }
        let response = HTTPResponse(statusCode: .ok, headers: [.contentType: "application/octet-stream"], body: body)
        return Routed(response: response, fileURL: url)
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
