import FlyingFox
import Foundation
import OrderedJSON

/// The Files API as the real service serves it: the resumable upload (`POST /upload/{v}/files` with
/// `X-Goog-Upload-Protocol: resumable` and `X-Goog-Upload-Command: start`, then `upload`, `upload, finalize` and
/// `query` on the session URL the start answers in `X-Goog-Upload-URL`), `GET files/{id}` and `DELETE files/{id}`.
extension RequestRouter {
    static let uploadStatusHeader = HTTPHeader("X-Goog-Upload-Status")

    /// `POST /upload/{version}/files`: a start without `upload_id`, a session command with it.
    func upload(_ request: HTTPRequest, version: String) async -> Routed {
        guard request.method == .POST else { return Routed(response: StatusResponse.notFound()) }
        if let session = request.query.first(where: { $0.name == "upload_id" })?.value {
            return await uploadCommand(request, session: session)
        }
        return Routed(response: await startUpload(request, version: version))
    }

    private func startUpload(_ request: HTTPRequest, version: String) async -> HTTPResponse {
        let body = (try? await readBody(request, limit: 1 << 20)) ?? nil
        guard request.headers[HTTPHeader("X-Goog-Upload-Protocol")]?.lowercased() == "resumable" else {
            return StatusResponse.invalidArgument("The emulator serves the resumable upload protocol only (X-Goog-Upload-Protocol: resumable).")
        }
        guard request.headers[HTTPHeader("X-Goog-Upload-Command")]?.lowercased() == "start" else {
            return StatusResponse.invalidArgument("A new upload starts with X-Goog-Upload-Command: start.")
        }
        guard let sizeText = request.headers[HTTPHeader("X-Goog-Upload-Header-Content-Length")], let size = Int64(sizeText),
              size >= 0 else {
            return StatusResponse.invalidArgument("X-Goog-Upload-Header-Content-Length (the file's size in bytes) is required.")
        }
        guard size <= UploadSession.maxBytes else {
            return StatusResponse.invalidArgument("The file is \(size) bytes; a file may have at most \(UploadSession.maxBytes).")
        }
        guard let body else { return StatusResponse.invalidArgument("The upload's metadata is larger than 1 MiB.") }
        var file: [String: Any] = [:]
        if !body.isEmpty {
            guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
                return StatusResponse.invalidArgument("Invalid JSON payload received: the metadata is not a JSON object.")
            }
            file = object["file"] as? [String: Any] ?? [:]
        }
        var requestedID: String?
        if let name = file["name"] {
            guard let text = name as? String, let id = Self.requestedFileID(text) else {
                return StatusResponse.invalidArgument("Invalid value at 'file.name': the id (after files/) must be 1 to 40 "
                    + "lower-case letters, digits or dashes, not starting or ending with a dash.")
            }
            requestedID = id
        }
        let displayName = (file["displayName"] ?? file["display_name"]) as? String
        if let displayName, displayName.count > 512 {
            return StatusResponse.invalidArgument("Invalid value at 'file.display_name': at most 512 characters.")
        }
        let mimeType = request.headers[HTTPHeader("X-Goog-Upload-Header-Content-Type")]
            ?? (file["mimeType"] ?? file["mime_type"]) as? String ?? "application/octet-stream"
        let origin = "http://" + (request.headers[.host] ?? "127.0.0.1")
        do {
            let session = try await state.startUpload(requestedID: requestedID, displayName: displayName, mimeType: mimeType,
                                                      size: size, origin: origin)
            let url = "\(origin)/upload/\(version)/files?upload_id=\(session)&upload_protocol=resumable"
            return HTTPResponse(statusCode: .ok, headers: [
                Self.uploadStatusHeader: "active", HTTPHeader("X-Goog-Upload-URL"): url,
                HTTPHeader("X-Goog-Upload-Control-URL"): url,
                HTTPHeader("X-Goog-Upload-Chunk-Granularity"): String(UploadSession.granularity),
                .contentType: "text/plain; charset=utf-8",
            ], body: Data())
        } catch {
            return Self.refusal(error)
        }
    }

    private func uploadCommand(_ request: HTTPRequest, session: String) async -> Routed {
        let command = request.headers[HTTPHeader("X-Goog-Upload-Command")]?.lowercased() ?? ""
        let words = Set(command.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        if words == ["query"] {
            _ = try? await readBody(request, limit: 0)
            do {
                let (received, stored) = try await state.queryUpload(session: session)
                return Routed(response: Self.uploadAnswer(received: received, stored: stored))
            } catch {
                return Routed(response: Self.refusal(error))
            }
        }
        guard !words.isEmpty, words.isSubset(of: ["upload", "finalize"]) else {
            _ = try? await readBody(request, limit: 0)
            return Routed(response: StatusResponse.invalidArgument(
                "X-Goog-Upload-Command must be upload, \"upload, finalize\", finalize or query (was \"\(command)\")."))
        }
        let finalize = words.contains("finalize")
        guard let offsetText = request.headers[HTTPHeader("X-Goog-Upload-Offset")], let offset = Int64(offsetText),
              let lengthText = request.headers[.contentLength], let length = Int64(lengthText), length >= 0,
              words.contains("upload") || length == 0 else {
            _ = try? await readBody(request, limit: 0)
            return Routed(response: StatusResponse.invalidArgument(
                "An upload command needs X-Goog-Upload-Offset and Content-Length (0 for a bare finalize)."))
        }
        let lease: ChunkLease
        do {
            lease = try await state.beginChunk(session: session, offset: offset, length: length, finalize: finalize)
        } catch {
            _ = try? await readBody(request, limit: 0)
            return Routed(response: Self.refusal(error))
        }
        let (kept, complete) = await Self.receive(request, into: lease, length: length)
        let stored = await state.endChunk(session: session, kept: kept, finalize: finalize, complete: complete && !lease.drop)
        if lease.drop { return Routed(response: BrokenResponses.dropConnection()) }
        guard complete else {
            return Routed(response: StatusResponse.invalidArgument("The chunk ended before its Content-Length."))
        }
        return Routed(response: Self.uploadAnswer(received: lease.offset + kept, stored: stored))
    }

    /// Streams the chunk's body to the session's file, keeping (writing and digesting) at most `lease.keep` bytes
    /// in whole granules as they arrive, the rest of a complete chunk at its end. A body cut short keeps only its
    /// whole granules. Returns the bytes kept and whether the whole body arrived.
    private static func receive(_ request: HTTPRequest, into lease: ChunkLease, length: Int64) async -> (kept: Int64, complete: Bool) {
        var kept: Int64 = 0
        var total: Int64 = 0
        var pending = Data()
        // A copy of the session's digest shares its EVP context: updating it here extends the session's.
        var hasher = lease.hasher
        guard let handle = try? FileHandle(forWritingTo: lease.dataURL) else { return (0, false) }
        defer { try? handle.close() }
        func commit(_ count: Int) throws {
            let piece = pending.prefix(count)
            try handle.write(contentsOf: piece)
            hasher.update(piece)
            kept += Int64(count)
            pending.removeFirst(count)
        }
        do {
            try handle.seek(toOffset: UInt64(lease.offset))
            for try await piece in request.bodySequence {
                total += Int64(piece.count)
                let room = lease.keep - kept - Int64(pending.count)
                if room > 0 { pending.append(piece.prefix(Int(min(room, Int64(piece.count))))) }
                if pending.count >= UploadSession.granularity {
                    try commit(pending.count / UploadSession.granularity * UploadSession.granularity)
                }
            }
            guard total == length else { return (kept, false) }
            try commit(pending.count)
            return (kept, true)
        } catch {
            return (kept, false)
        }
    }

    /// 200 with the session's status: `final` with `{"file": {...}}`, else `active` with the bytes received.
    private static func uploadAnswer(received: Int64, stored: StoredFile?) -> HTTPResponse {
        guard let stored else {
            return HTTPResponse(statusCode: .ok, headers: [
                uploadStatusHeader: "active", HTTPHeader("X-Goog-Upload-Size-Received"): String(received),
                .contentType: "text/plain; charset=utf-8",
            ], body: Data())
        }
        var response = StatusResponse.json(.object(JSONObject([("file", stored.resource)])))
        response.headers[uploadStatusHeader] = "final"
        response.headers[HTTPHeader("X-Goog-Upload-Size-Received")] = String(stored.sizeBytes)
        return response
    }

    private static func refusal(_ error: UploadRefusal) -> HTTPResponse {
        var headers: [HTTPHeader: String] = [:]
        if let status = error.uploadStatus { headers[uploadStatusHeader] = status }
        if let received = error.received { headers[HTTPHeader("X-Goog-Upload-Size-Received")] = String(received) }
        return StatusResponse.error(error.code, error.status, error.message, headers: headers)
    }

    /// The id of a requested `files/<id>` name, when it follows the rule: 1...40 of a-z 0-9 -, no dash at an end.
    static func requestedFileID(_ name: String) -> String? {
        let id = name.hasPrefix("files/") ? String(name.dropFirst("files/".count)) : name
        let allowed = id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == UInt8(ascii: "-") }
        guard (1...40).contains(id.count), allowed, !id.hasPrefix("-"), !id.hasSuffix("-") else { return nil }
        return id
    }

    /// `GET files/{id}` (the File resource) and `DELETE files/{id}` (`{}`); 404 for an unknown id.
    func file(_ request: HTTPRequest, id: String) async -> Routed {
        switch request.method {
        case .GET:
            guard let stored = await state.uploadedFile(id: id) else { return Routed(response: StatusResponse.notFound()) }
            return Routed(response: StatusResponse.json(stored.resource))
        case .DELETE:
            let deleted = await state.deleteUploadedFile(id: id)
            return Routed(response: deleted ? StatusResponse.json(.object(JSONObject())) : StatusResponse.notFound())
        default:
            return Routed(response: StatusResponse.notFound())
        }
    }
}
