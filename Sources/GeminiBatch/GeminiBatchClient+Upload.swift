import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension GeminiBatchClient {
    /// The MIME type of a batch's JSONL input file.
    public static let jsonLinesMimeType = "application/jsonl"

    /// Uploads a file with the Files API's resumable protocol and returns the stored file (`files/...`):
    /// `POST /upload/{version}/files` with `X-Goog-Upload-Command: start` and the file's size and type, then
    /// chunks of ``GeminiClientConfiguration/uploadChunkSize`` to the session URL the answer names
    /// (`upload`, the last one `upload, finalize`), each read from disk while it is sent: memory does not grow
    /// with the file. After a dropped connection or a 5xx the server is asked how much it has
    /// (`X-Goog-Upload-Command: query`) and the upload goes on from there, within the retry policy.
    ///
    /// ```swift
    /// let input = try BatchRequest.writeInputFile(requests, in: downloads)
    /// let file = try await client.uploadFile(input.file.url, name: "files/pfc-0f3a…", displayName: "pfc-jobs-…")
    /// let batch = try await client.createBatch(model: model, displayName: "pfc-jobs-…", inputFile: file.name)
    /// ```
    /// `name` (`files/<id>`: up to 40 lower-case letters, digits and dashes) asks for that name, so a caller can
    /// record it before anything is sent; nil lets the service choose. The key goes in the `x-goog-api-key`
    /// header, and to the session URL only when it is on the configured service's origin; the session URL
    /// (whose id lets anyone holding it write the upload) is never logged nor put in an error.
    public func uploadFile(_ file: URL, name: String? = nil, displayName: String,
                           mimeType: String = GeminiBatchClient.jsonLinesMimeType,
                           progress: TransferProgress? = nil) async throws(GeminiError) -> RemoteFile {
        if let name { try Self.checkRequestedFileName(name) }
        let size = try Self.regularFileSize(file)
        let session = try await startUpload(size: size, name: name, displayName: displayName, mimeType: mimeType)
        let chunk = Int64(max(1, configuration.uploadChunkSize / session.granularity) * session.granularity)
        let policy = configuration.retryPolicy
        var generator = SystemRandomNumberGenerator()
        var offset: Int64 = 0
        var failures = 0
        while true {
            if Task.isCancelled { throw .cancelled }
            let length = min(chunk, size - offset)
            let last = offset + length == size
            let request = session.transfer(self, command: last ? "upload, finalize" : "upload", offset: offset,
                                           range: FileRange(path: file.path, offset: offset, length: length))
            let failure: GeminiError
            var serverHint: Double?
            var offsetRefused = false
            switch await pool.perform(request, settings: settings) {
            case .success(let response) where (200..<300).contains(response.status):
                logger?.debug("POST \(session.loggablePath) \(length) bytes at \(offset) -> \(response.status)")
                switch response.headers["x-goog-upload-status"]?.lowercased() {
                case "final":
                    progress?(size, size)
                    return try RemoteFile.parse(response.body, cleaner: cleaner)
                case "active" where !last:
                    offset += length
                    failures = 0
                    progress?(offset, size)
                    continue
                default:
                    throw .invalidResponse("the upload answered \(response.status) without X-Goog-Upload-Status "
                        + (last ? "final after the last chunk" : "active"))
                }
            case .success(let response):
                let status = rpcStatus(of: response)
                let error: GeminiError = response.status == 404 ? .notFound(status) : .api(httpStatus: response.status, status: status)
                logger?.debug("POST \(session.loggablePath) \(length) bytes at \(offset) -> \(response.status)")
                // 400: perhaps the offset is not where the server is (a chunk it half kept); asked below.
                guard !error.isKeyRejected, Self.retryableHTTPStatuses.contains(response.status) || response.status == 400 else {
                    throw error
                }
                offsetRefused = response.status == 400
                serverHint = retryAfterSeconds(response.headers["retry-after"]) ?? status.retryDelay
                failure = error
            case .failure(let transportFailure):
                failure = classify(transportFailure, limit: request.maxBodyBytes)
                // 26, 42: our own file could not be read (the read callback gave up): asking again would not help.
                if transportFailure.tooLarge || [26, 42].contains(transportFailure.curlCode) { throw failure }
            }
            failures += 1
            guard failures < policy.maxAttempts else {
                throw policy.maxAttempts > 1 ? .retryBudgetExhausted(attempts: failures, last: failure) : failure
            }
            logger?.info("upload chunk at byte \(offset) of \(size) failed (\(failure)); asking the service how much it has")
            let delay = offsetRefused ? 0 : policy.delay(beforeRetry: failures, serverHint: serverHint, using: &generator)
            do { try await Task.sleep(for: .milliseconds(Int64((delay * 1000).rounded()))) } catch { throw .cancelled }
            let (received, stored) = try await queryUpload(session)
            if let stored { return stored }
            guard (0...size).contains(received) else {
                throw .invalidResponse("the upload query reported \(received) bytes received of \(size)")
            }
            if offsetRefused, received == offset { throw failure }
            logger?.info("upload resumes at byte \(received) of \(size)")
            offset = received
        }
    }

    /// A file's metadata and processing state (`GET /{version}/files/{id}`); `.notFound` on a 404 (expired
    /// after 48 hours, or deleted).
    ///
    /// ```swift
    /// let file = try await client.getFile("files/pfc-0f3a…")
    /// if file.state == .active { /* ... */ }
    /// ```
    public func getFile(_ name: String) async throws(GeminiError) -> RemoteFile {
        let id = try Self.fileResourceID(name)
        let response = try await send(transfer(.get, path: "\(versionPath)/files/\(id)"))
        return try RemoteFile.parse(response.body, cleaner: cleaner)
    }

    /// `file` once the service has processed it: asks `GET files/{id}` while it is PROCESSING, waiting a little
    /// longer each time, for at most `timeout` seconds. A JSONL file is usually ACTIVE at once.
    /// - Throws: `.invalidRequest` with the service's reason when processing FAILED; `.timeout` when still processing.
    public func waitUntilActive(_ file: RemoteFile, timeout: Double = 300) async throws(GeminiError) -> RemoteFile {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64(timeout * 1000))
        var current = file
        var pause = 0.25
        while true {
            switch current.state {
            case .active, .other:
                return current
            case .failed:
                throw .invalidRequest("the service could not process \(current.name): \(current.error?.description ?? "no reason given")")
            case .processing:
                guard clock.now + .milliseconds(Int64(pause * 1000)) < deadline else {
                    throw .timeout("\(current.name) was still being processed after \(Int(timeout)) s")
                }
                do { try await Task.sleep(for: .milliseconds(Int64(pause * 1000))) } catch { throw .cancelled }
                pause = min(pause * 2, 5)
                current = try await getFile(current.name)
            }
        }
    }

    // MARK: - The session

    /// Where the chunks of one upload go, and whether the key goes with them.
    struct UploadSession {
        var url: String
        /// The URL's path only: the query holds the session id, which is as good as a write permission.
        var loggablePath: String
        var sendsKey: Bool
        var granularity: Int

        func transfer(_ client: GeminiBatchClient, command: String, offset: Int64?, range: FileRange?) -> HTTPTransfer {
            var headers = sendsKey ? ["x-goog-api-key: \(client.apiKey.rawValue)"] : []
            headers += ["Expect:", "Accept: application/json", "X-Goog-Upload-Command: \(command)"]
            if let offset { headers.append("X-Goog-Upload-Offset: \(offset)") }
            if range != nil { headers.append("Content-Type: application/octet-stream") }
            var request = HTTPTransfer(method: .post, url: url, loggablePath: loggablePath, headers: headers,
                                       body: range == nil ? Data() : nil,
                                       totalTimeout: range == nil ? client.configuration.requestTimeout : client.configuration.downloadTimeout)
            request.bodyFile = range
            request.maxBodyBytes = Int64(client.configuration.maxAnswerBytes)
            return request
        }
    }

    private func startUpload(size: Int64, name: String?, displayName: String,
                             mimeType: String) async throws(GeminiError) -> UploadSession {
        var metadata: [String: Any] = ["displayName": displayName]
        if let name { metadata["name"] = name }
        let body: Data
        do { body = try JSONSerialization.data(withJSONObject: ["file": metadata], options: [.sortedKeys]) } catch {
            throw .invalidRequest("the upload's file metadata could not be encoded")
        }
        var request = transfer(.post, path: "/upload\(versionPath)/files", body: body)
        request.headers += ["X-Goog-Upload-Protocol: resumable", "X-Goog-Upload-Command: start",
                            "X-Goog-Upload-Header-Content-Length: \(size)", "X-Goog-Upload-Header-Content-Type: \(mimeType)"]
        let response = try await send(request)
        guard let location = response.headers["x-goog-upload-url"], let url = URL(string: location),
              let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil else {
            throw .invalidResponse("the upload start answered without a usable X-Goog-Upload-URL")
        }
        let granularity = response.headers["x-goog-upload-chunk-granularity"].flatMap { Int($0) }
            .map { min(max($0, 1), 64 << 20) } ?? GeminiClientConfiguration.uploadGranularity
        let sameOrigin = Self.origin(of: url) == URL(string: configuration.baseURL).flatMap(Self.origin(of:))
        return UploadSession(url: url.absoluteString, loggablePath: (sameOrigin ? "" : "<another host>") + url.path + " (upload session)",
                             sendsKey: sameOrigin, granularity: granularity)
    }

    /// How many bytes the server holds (`X-Goog-Upload-Size-Received`), and the stored file if the upload was
    /// finalized already (the answer to the last chunk was the one lost).
    private func queryUpload(_ session: UploadSession) async throws(GeminiError) -> (received: Int64, file: RemoteFile?) {
        let response = try await send(session.transfer(self, command: "query", offset: nil, range: nil))
        if response.headers["x-goog-upload-status"]?.lowercased() == "final" {
            return (0, try RemoteFile.parse(response.body, cleaner: cleaner))
        }
        guard let received = response.headers["x-goog-upload-size-received"].flatMap({ Int64($0) }) else {
            throw .invalidResponse("the upload query answered without X-Goog-Upload-Size-Received")
        }
        return (received, nil)
    }

    /// The rule for a requested file name: `files/` and 1...40 lower-case letters, digits or dashes, not at either end.
    static func checkRequestedFileName(_ name: String) throws(GeminiError) {
        let id = name.hasPrefix("files/") ? name.dropFirst("files/".count) : ""
        let allowed = id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == UInt8(ascii: "-") }
        guard (1...40).contains(id.count), allowed, !id.hasPrefix("-"), !id.hasSuffix("-") else {
            throw .invalidRequest("not a file name to ask for: '\(ServiceText.escapingControlCharacters(name, limit: 200))' "
                + "(files/ and up to 40 lower-case letters, digits or dashes)")
        }
    }

    /// The size of the regular file at `url`; links and anything but a regular file are refused.
    static func regularFileSize(_ url: URL) throws(GeminiError) -> Int64 {
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            throw .fileSystem("cannot read \(url.path): \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .fileSystem("\(url.path) is not a regular file") }
        return Int64(info.st_size)
    }
}
