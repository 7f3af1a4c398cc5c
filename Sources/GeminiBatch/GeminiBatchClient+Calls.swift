import Foundation

extension GeminiBatchClient {
    /// The service refuses inline create bodies of 20 MB or more; larger jobs need file input.
    public static let inlineCreateLimit = 20_000_000

    /// Creates a batch of inline image requests (`POST /{version}/models/{model}:batchGenerateContent`).
    ///
    /// ```swift
    /// let batch = try await client.createBatch(model: "gemini-2.5-flash-image", displayName: intentID,
    ///                                          requests: [BatchRequest(key: "a", prompt: "a fox")])
    /// ```
    /// Not idempotent: when the request may have reached the server but no answer came back, this throws
    /// `.createOutcomeUnknown` instead of retrying; call `findBatch(displayName:)` before creating again.
    /// A create that never connected, or that got a 429, is retried.
    public func createBatch(model: String, displayName: String, requests: [BatchRequest],
                            responseModalities: [String] = ["TEXT", "IMAGE"]) async throws(GeminiError) -> Batch {
        let body = try BatchRequest.createBody(displayName: displayName, requests: requests,
                                               responseModalities: responseModalities)
        return try await create(model: model, displayName: displayName, body: body)
    }

    /// Creates a batch from an uploaded JSONL file (`inputConfig.fileName`, see ``uploadFile(_:name:displayName:mimeType:progress:)``),
    /// the way for batches whose inline body would pass 20 MB. The same rules as the inline create: not
    /// idempotent, `.createOutcomeUnknown` when the answer was lost.
    ///
    /// ```swift
    /// let batch = try await client.createBatch(model: "gemini-3-pro-image", displayName: intentName, inputFile: file.name)
    /// ```
    public func createBatch(model: String, displayName: String, inputFile: String) async throws(GeminiError) -> Batch {
        let id = try Self.fileResourceID(inputFile)
        let body = try BatchRequest.fileCreateBody(displayName: displayName, fileName: "files/" + id)
        return try await create(model: model, displayName: displayName, body: body)
    }

    private func create(model: String, displayName: String, body: Data) async throws(GeminiError) -> Batch {
        let modelID = try Self.modelID(model)
        var request = transfer(.post, path: "\(versionPath)/models/\(modelID):batchGenerateContent", body: body)
        request.freshConnection = true
        let response = try await send(request, idempotency: .create(displayName: displayName))
        do {
            return try BatchParser.batch(from: response.body)
        } catch {
            // The server accepted something; without a readable answer the batch may exist.
            throw .createOutcomeUnknown(displayName: displayName, underlying: error)
        }
    }

    /// Reads one batch (`GET /{version}/batches/{id}`); throws `.notFound` on a 404.
    ///
    /// The answer is streamed to a file in `configuration.downloadDirectory`, whatever its size: a finished
    /// batch with inline input carries every image inline, twice, which can be gigabytes. Only its outline
    /// (state, names, stats, error) is parsed here and must fit `maxAnswerBytes`; inline items stay on disk and
    /// are read one at a time through `batch.output`'s ``BatchItems``, and the file goes with the last of them.
    /// `progress` is told the bytes received while the body streams.
    public func getBatch(_ name: String, progress: TransferProgress? = nil) async throws(GeminiError) -> Batch {
        let resource = try Self.batchResourceName(name)
        let file = TemporaryFile.make(in: downloadFolder, kind: "batch")
        var request = transfer(.get, path: "\(versionPath)/\(resource)", destination: .file(file.url))
        request.syncFile = false
        request.progress = progress
        _ = try await send(request)
        var batch = try BatchParser.batch(fromAnswerFile: file, outlineLimit: configuration.maxAnswerBytes, cleaner: cleaner)
        batch.error = batch.error.map(cleaner.clean)
        return batch
    }

    var downloadFolder: URL { configuration.downloadDirectory ?? FileManager.default.temporaryDirectory }

    /// Reads many batches with at most `maxConcurrent` requests in flight (also bounded by
    /// `configuration.maxConcurrentTransfers`). Every name gets an entry.
    ///
    /// ```swift
    /// for (name, result) in await client.getBatches(names, maxConcurrent: 8) { /* ... */ }
    /// ```
    public func getBatches(_ names: [String], maxConcurrent: Int,
                           progress: (@Sendable (_ name: String, _ received: Int64, _ expected: Int64) -> Void)? = nil)
        async -> [String: Result<Batch, GeminiError>]
    {
        var pending = Array(Set(names)).makeIterator()
        // Plain loops over `group` and a non-generic child closure: the earlier form (a nested function adding
        // tasks whose body used `do throws(GeminiError)`) crashed in release builds (Swift 6.3.1) when the
        // group collected the first result.
        return await withTaskGroup(of: (String, Result<Batch, GeminiError>).self) { group in
            var inFlight = 0
            while inFlight < max(1, maxConcurrent), let name = pending.next() {
                group.addTask { (name, await self.batchResult(name, progress: progress)) }
                inFlight += 1
            }
            var results: [String: Result<Batch, GeminiError>] = [:]
            while let (name, result) = await group.next() {
                results[name] = result
                if let next = pending.next() {
                    group.addTask { (next, await self.batchResult(next, progress: progress)) }
                }
            }
            return results
        }
    }

    private func batchResult(_ name: String,
                             progress: (@Sendable (String, Int64, Int64) -> Void)?) async -> Result<Batch, GeminiError> {
        let forward: TransferProgress? = progress.map { report in { @Sendable received, expected in report(name, received, expected) } }
        do throws(GeminiError) {
            return .success(try await getBatch(name, progress: forward))
        } catch {
            return .failure(error)
        }
    }

    /// One page of `GET /{version}/batches?pageSize=N&pageToken=T`.
    public func listBatchesPage(pageSize: Int = 100, pageToken: String? = nil) async throws(GeminiError)
        -> (batches: [Batch], nextPageToken: String?)
    {
        var query = [("pageSize", String(max(1, pageSize)))]
        if let pageToken, !pageToken.isEmpty { query.append(("pageToken", pageToken)) }
        let response = try await send(transfer(.get, path: "\(versionPath)/batches", query: query))
        return try BatchParser.batchPage(from: response.body)
    }

    /// Every batch, following `nextPageToken` until it is empty or missing.
    public func listBatches(pageSize: Int = 100) async throws(GeminiError) -> [Batch] {
        var all: [Batch] = []
        var token: String?
        var seenTokens: Set<String> = []
        repeat {
            let page = try await listBatchesPage(pageSize: pageSize, pageToken: token)
            all += page.batches
            token = page.nextPageToken
            if let token, !seenTokens.insert(token).inserted {
                throw .invalidResponse("list paging repeated page token")
            }
        } while token != nil
        return all
    }

    /// The batch created with `displayName`, if any: how a create whose answer was lost is recovered.
    /// With several matches the newest (by createTime) wins.
    public func findBatch(displayName: String) async throws(GeminiError) -> Batch? {
        let matches = try await listBatches().filter { $0.displayName == displayName }
        return matches.max { ($0.createTime ?? .distantPast) < ($1.createTime ?? .distantPast) }
    }

    /// `POST /{version}/batches/{id}:cancel` with an empty body.
    public func cancelBatch(_ name: String) async throws(GeminiError) {
        let resource = try Self.batchResourceName(name)
        _ = try await send(transfer(.post, path: "\(versionPath)/\(resource):cancel", body: Data()))
    }

    /// `DELETE /{version}/batches/{id}`.
    public func deleteBatch(_ name: String) async throws(GeminiError) {
        let resource = try Self.batchResourceName(name)
        _ = try await send(transfer(.delete, path: "\(versionPath)/\(resource)"))
    }

    /// Streams a responses file (`files/<id>`) to a new file in `configuration.downloadDirectory`; the file is
    /// removed when the returned value goes. The body is never held in memory.
    ///
    /// ```swift
    /// let file = try await client.downloadResponsesFile("files/batch-abc")
    /// for item in ResponsesFileReader(file) { /* ... */ }
    /// ```
    public func downloadResponsesFile(_ fileName: String, progress: TransferProgress? = nil) async throws(GeminiError)
        -> TemporaryFile
    {
        let id = try Self.fileResourceID(fileName)
        let path = switch configuration.downloadPathStyle {
        case .downloadPrefix: "/download\(versionPath)/files/\(id):download"
        case .plain: "\(versionPath)/files/\(id):download"
        }
        let destination = TemporaryFile.make(in: downloadFolder, kind: "responses")
        var request = transfer(.get, path: path, query: [("alt", "media")], destination: .file(destination.url))
        request.syncFile = false
        request.progress = progress
        for _ in 0..<Self.maxDownloadRedirects {
            let response = try await send(request, returningRedirects: true)
            guard (300..<400).contains(response.status), let location = response.headers["location"] else {
                return destination
            }
            request = try redirected(request, to: location)
        }
        throw .invalidResponse("download redirected more than \(Self.maxDownloadRedirects) times")
    }

    /// The items of a responses file, downloaded and then read one line at a time.
    public func responsesFileItems(_ fileName: String, progress: TransferProgress? = nil) async throws(GeminiError)
        -> BatchItems
    {
        let file = try await downloadResponsesFile(fileName, progress: progress)
        return BatchItems(source: .jsonLines(file), count: nil, cleaner: cleaner, itemLimit: configuration.maxAnswerBytes)
    }

    static let maxDownloadRedirects = 5

    /// Follows a download redirect by hand, because curl would forward the `x-goog-api-key` header to any host:
    /// the key goes along only when the target has the configured base URL's scheme, host and port.
    func redirected(_ request: HTTPTransfer, to location: String) throws(GeminiError) -> HTTPTransfer {
        guard let current = URL(string: request.url), let target = URL(string: location, relativeTo: current)?.absoluteURL,
              let scheme = target.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            throw .invalidResponse("download redirect to an unusable location")
        }
        var next = request
        next.url = target.absoluteString
        next.loggablePath = target.path
        if Self.origin(of: target) != URL(string: configuration.baseURL).flatMap(Self.origin(of:)) {
            next.headers.removeAll { $0.lowercased().hasPrefix("x-goog-api-key:") }
            next.loggablePath = "<redirect to another host>\(target.path)"
        }
        return next
    }

    static func origin(of url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        return "\(scheme)://\(host):\(port)"
    }
}
