import Foundation
import Testing
import GeminiEmulator
@testable import GeminiBatch

/// The client against a real HTTP/1.1 server on 127.0.0.1, with scripted faults.
@Suite struct HTTPClientTests {
    static let key = "AIzaTEST-secret-key-0123456789"

    static func client(_ server: LoopbackHTTPServer, maxAttempts: Int = 4, requestTimeout: Double = 10,
                       lowSpeedLimit: Int = 1, lowSpeedTime: Double = 30, workers: Int = 4,
                       downloadStyle: GeminiClientConfiguration.DownloadPathStyle = .downloadPrefix,
                       downloadDirectory: URL? = nil) -> GeminiBatchClient {
        client(baseURL: server.baseURL, maxAttempts: maxAttempts, requestTimeout: requestTimeout,
               lowSpeedLimit: lowSpeedLimit, lowSpeedTime: lowSpeedTime, workers: workers, downloadStyle: downloadStyle,
               downloadDirectory: downloadDirectory)
    }

    static func client(baseURL: String, maxAttempts: Int = 4, requestTimeout: Double = 10,
                       lowSpeedLimit: Int = 1, lowSpeedTime: Double = 30, workers: Int = 4,
                       downloadStyle: GeminiClientConfiguration.DownloadPathStyle = .downloadPrefix,
                       downloadDirectory: URL? = nil) -> GeminiBatchClient {
        let configuration = GeminiClientConfiguration(
            baseURL: baseURL + "/",
            downloadPathStyle: downloadStyle,
            retryPolicy: RetryPolicy(maxAttempts: maxAttempts, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 20),
            connectTimeout: 2, requestTimeout: requestTimeout, downloadTimeout: 60,
            lowSpeedLimit: lowSpeedLimit, lowSpeedTime: lowSpeedTime,
            maxConcurrentTransfers: workers, downloadDirectory: downloadDirectory)
        return GeminiBatchClient(apiKey: APIKey(key), configuration: configuration)
    }

    static let running = ScriptedResponse.json(200, #"{"name": "batches/abc", "metadata": {"state": "BATCH_STATE_RUNNING"}}"#)

    @Test func getSendsTheKeyOnlyInItsHeaderAndReusesTheConnection() async throws {
        let server = try LoopbackHTTPServer(sequence: [], fallback: Self.running)
        defer { server.stop() }
        let client = Self.client(server, workers: 1)
        for _ in 0..<3 {
            let batch = try await client.getBatch("batches/abc")
            #expect(batch.state == .running)
        }
        let requests = server.requests
        #expect(requests.count == 3)
        for request in requests {
            #expect(request.method == "GET")
            #expect(request.target == "/v1beta/batches/abc")
            #expect(request.headers["x-goog-api-key"] == Self.key)
            #expect(!request.target.contains(Self.key))
            #expect(request.head.components(separatedBy: Self.key).count == 2)  // exactly once: the header
        }
        #expect(server.connectionsAccepted == 1)
    }

    @Test func retriesA429HonouringRetryAfter() async throws {
        let server = try LoopbackHTTPServer(
            sequence: [.json(429, Fixtures.errorBody(429, "RESOURCE_EXHAUSTED", "slow down"), headers: ["Retry-After": "1"])],
            fallback: Self.running)
        defer { server.stop() }
        let started = ContinuousClock.now
        let batch = try await Self.client(server).getBatch("batches/abc")
        #expect(batch.state == .running)
        #expect(server.requests.count == 2)
        // Jittered backoff alone would wait at most 0.05 s; the server asked for a full second.
        #expect(ContinuousClock.now - started >= .milliseconds(950))
    }

    @Test func retriesA503HonouringRetryInfo() async throws {
        let unavailable = ScriptedResponse.json(503, Fixtures.errorBody(503, "UNAVAILABLE", "busy", retryDelay: "0.3s"))
        let server = try LoopbackHTTPServer(sequence: [unavailable, unavailable], fallback: Self.running)
        defer { server.stop() }
        let started = ContinuousClock.now
        _ = try await Self.client(server).getBatch("batches/abc")
        #expect(server.requests.count == 3)
        #expect(ContinuousClock.now - started >= .milliseconds(550))
    }

    @Test(arguments: [500, 502, 504])
    func retriesOtherServerErrors(status: Int) async throws {
        let server = try LoopbackHTTPServer(sequence: [.respond(status: status)], fallback: Self.running)
        defer { server.stop() }
        _ = try await Self.client(server).getBatch("batches/abc")
        #expect(server.requests.count == 2)
    }

    @Test func retriesADroppedConnectionAndATruncatedBody() async throws {
        let server = try LoopbackHTTPServer(
            sequence: [.drop, .truncated(status: 200, declaredLength: 500, body: Data(#"{"name": "batc"#.utf8))],
            fallback: Self.running)
        defer { server.stop() }
        let batch = try await Self.client(server).getBatch("batches/abc")
        #expect(batch.name == "batches/abc")
        #expect(server.requests.count == 3)
    }

    @Test func truncatedBodiesExhaustTheBudget() async throws {
        let server = try LoopbackHTTPServer(
            sequence: [], fallback: .truncated(status: 200, declaredLength: 500, body: Data("{".utf8)))
        defer { server.stop() }
        await #expect {
            _ = try await Self.client(server, maxAttempts: 3).getBatch("batches/abc")
        } throws: { error in
            guard case .retryBudgetExhausted(3, .truncatedBody) = error as? GeminiError else { return false }
            return true
        }
        #expect(server.requests.count == 3)
    }

    @Test(arguments: [(400, "INVALID_ARGUMENT"), (403, "PERMISSION_DENIED"), (401, "UNAUTHENTICATED")])
    func clientErrorsAreNotRetried(status: Int, rpc: String) async throws {
        let server = try LoopbackHTTPServer(sequence: [], fallback: .json(status, Fixtures.errorBody(status, rpc, "no")))
        defer { server.stop() }
        await #expect(throws: GeminiError.api(httpStatus: status, status: RPCStatus(code: status, status: rpc, message: "no"))) {
            _ = try await Self.client(server).getBatch("batches/abc")
        }
        #expect(server.requests.count == 1)
    }

    @Test func notFoundIsItsOwnOutcome() async throws {
        let server = try LoopbackHTTPServer(
            sequence: [], fallback: .json(404, Fixtures.errorBody(404, "NOT_FOUND", "Requested entity was not found.")))
        defer { server.stop() }
        await #expect(throws: GeminiError.notFound(RPCStatus(code: 404, status: "NOT_FOUND", message: "Requested entity was not found."))) {
            _ = try await Self.client(server).getBatch("batches/gone")
        }
        #expect(server.requests.count == 1)
    }

    @Test func slowServerTimesOut() async throws {
        let server = try LoopbackHTTPServer(sequence: [], fallback: .delayed(seconds: 1, then: Self.running))
        defer { server.stop() }
        await #expect {
            _ = try await Self.client(server, maxAttempts: 2, requestTimeout: 0.2).listBatchesPage()
        } throws: { error in
            guard case .retryBudgetExhausted(2, .timeout) = error as? GeminiError else { return false }
            return true
        }
    }

    @Test func batchAnswerHasNoTotalTimeoutOnlyTheLowSpeedOne() async throws {
        // A finished batch can be gigabytes: its GET may take far longer than an API call, as long as bytes flow.
        let body = Data(Fixtures.succeededBoth.utf8)
        let server = try LoopbackHTTPServer(sequence: [], fallback: .slowBody(status: 200, body: body, chunks: 4, pause: 0.3))
        defer { server.stop() }
        let batch = try await Self.client(server, maxAttempts: 1, requestTimeout: 0.2).getBatch("batches/abc")
        #expect(batch.state == .succeeded)
    }

    @Test func stalledBodyHitsTheLowSpeedLimit() async throws {
        let body = Data(String(repeating: " ", count: 100).utf8)
        // Headers arrive, then the body stalls for 10 s: far below 1000 B/s for longer than the 1 s allowed.
        // Were the limit ignored, the body would arrive and the call succeed; only the limit gives .timeout
        // (no wall-clock bound here: a loaded machine only makes it fire later, not differently).
        let server = try LoopbackHTTPServer(sequence: [], fallback: .slowBody(status: 200, body: body, chunks: 1, pause: 10))
        defer { server.stop() }
        await #expect {
            _ = try await Self.client(server, maxAttempts: 1, lowSpeedLimit: 1000, lowSpeedTime: 1).getBatch("batches/abc")
        } throws: { error in
            guard case .timeout = error as? GeminiError else { return false }
            return true
        }
    }

    // MARK: - Create

    static let created = ScriptedResponse.json(200, Fixtures.createPending)
    static let oneRequest = [BatchRequest(key: "k1", prompt: "a cat", aspectRatio: "1:1")]

    @Test func createPostsTheInlineBody() async throws {
        let server = try LoopbackHTTPServer(sequence: [], fallback: Self.created)
        defer { server.stop() }
        let batch = try await Self.client(server).createBatch(
            model: "models/gemini-2.5-flash-image", displayName: "intent-1", requests: Self.oneRequest)
        #expect(batch.state == .pending)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.target == "/v1beta/models/gemini-2.5-flash-image:batchGenerateContent")
        #expect(request.headers["content-type"] == "application/json")
        let object = try JSONSerialization.jsonObject(with: request.body) as? [String: Any]
        #expect((object?["batch"] as? [String: Any])?["displayName"] as? String == "intent-1")
    }

    @Test(arguments: [
        ScriptedResponse.drop,
        .json(503, Fixtures.errorBody(503, "UNAVAILABLE", "later")),
        .json(500, Fixtures.errorBody(500, "INTERNAL", "oops")),
        .truncated(status: 200, declaredLength: 900, body: Data(#"{"name":"#.utf8)),
        .json(200, "<html>proxy page</html>"),
    ])
    func createWhoseAnswerIsLostIsNotRetried(answer: ScriptedResponse) async throws {
        let server = try LoopbackHTTPServer(sequence: [answer], fallback: Self.created)
        defer { server.stop() }
        await #expect {
            _ = try await Self.client(server).createBatch(model: "m", displayName: "intent-2", requests: Self.oneRequest)
        } throws: { error in
            guard case .createOutcomeUnknown("intent-2", _) = error as? GeminiError else { return false }
            return true
        }
        #expect(server.requests.count == 1)
    }

    @Test func createTimeoutAfterSendingIsNotRetried() async throws {
        let server = try LoopbackHTTPServer(sequence: [], fallback: .delayed(seconds: 1, then: Self.created))
        defer { server.stop() }
        await #expect {
            _ = try await Self.client(server, requestTimeout: 0.2).createBatch(model: "m", displayName: "intent-3", requests: Self.oneRequest)
        } throws: { error in
            guard case .createOutcomeUnknown("intent-3", .timeout) = error as? GeminiError else { return false }
            return true
        }
        #expect(server.requests.count == 1)
    }

    @Test func createRefusedWith429IsRetried() async throws {
        let server = try LoopbackHTTPServer(
            sequence: [.json(429, Fixtures.errorBody(429, "RESOURCE_EXHAUSTED", "quota", retryDelay: "0.01s"))],
            fallback: Self.created)
        defer { server.stop() }
        _ = try await Self.client(server).createBatch(model: "m", displayName: "intent-4", requests: Self.oneRequest)
        #expect(server.requests.count == 2)
    }

    @Test func createThatCannotConnectIsRetriedThenGivesUp() async throws {
        // A port that was just free: nothing listens, so nothing is ever sent.
        let server = try LoopbackHTTPServer(sequence: [], fallback: Self.created)
        let baseURL = server.baseURL
        server.stop()
        try await waitUntil { (try? await Self.client(baseURL: baseURL, maxAttempts: 1).getBatch("x")) == nil }
        await #expect {
            _ = try await Self.client(baseURL: baseURL, maxAttempts: 3).createBatch(model: "m", displayName: "i", requests: Self.oneRequest)
        } throws: { error in
            guard case .retryBudgetExhausted(3, .transport(7, _)) = error as? GeminiError else { return false }
            return true
        }
    }

    // MARK: - List, find, cancel, delete

    @Test func listFollowsEveryPageAndFindsByDisplayName() async throws {
        let server = try LoopbackHTTPServer { request, _ in
            switch request.target {
            case "/v1beta/batches?pageSize=2": .json(200, Fixtures.listPage(["batches/a", "batches/b"], next: "t/2+"))
            case "/v1beta/batches?pageSize=2&pageToken=t%2F2%2B": .json(200, Fixtures.listPage(["batches/c", "batches/d"], next: "t3"))
            case "/v1beta/batches?pageSize=2&pageToken=t3": .json(200, Fixtures.listPage(["batches/e"], next: nil))
            case "/v1beta/batches?pageSize=100": .json(200, Fixtures.listPage(["batches/x", "batches/y"], next: nil))
            default: .json(400, Fixtures.errorBody(400, "INVALID_ARGUMENT", "unexpected \(request.target)"))
            }
        }
        defer { server.stop() }
        let client = Self.client(server)
        let all = try await client.listBatches(pageSize: 2)
        #expect(all.map(\.name) == ["batches/a", "batches/b", "batches/c", "batches/d", "batches/e"])
        let found = try await client.findBatch(displayName: "list-job-batches/y")
        #expect(found?.name == "batches/y")
        #expect(try await client.findBatch(displayName: "never-made") == nil)
    }

    @Test func cancelAndDeleteUseTheSDKVerbs() async throws {
        let server = try LoopbackHTTPServer(sequence: [], fallback: .json(200, "{}"))
        defer { server.stop() }
        let client = Self.client(server)
        try await client.cancelBatch("batches/abc")
        try await client.deleteBatch("batches/abc")
        let requests = server.requests
        #expect(requests.map(\.method) == ["POST", "DELETE"])
        #expect(requests.map(\.target) == ["/v1beta/batches/abc:cancel", "/v1beta/batches/abc"])
        #expect(requests[0].headers["content-length"] == "0")
    }

    // MARK: - Concurrency

    @Test func manyStatusCallsOverlapWithinTheBound() async throws {
        let server = try LoopbackHTTPServer { request, _ in
            let name = String(request.target.dropFirst("/v1beta/".count))
            return .delayed(seconds: 0.05, then: .json(200, #"{"name": "\#(name)", "metadata": {"state": "BATCH_STATE_SUCCEEDED"}}"#))
        }
        defer { server.stop() }
        let client = Self.client(server, workers: 8)
        let names = (0..<24).map { "batches/job\($0)" } + ["batches/bad..name"]
        let results = await client.getBatches(names, maxConcurrent: 3)
        #expect(results.count == 25)
        for name in names.dropLast() {
            #expect((try? results[name]?.get())?.name == name)
        }
        if case .failure(.invalidRequest) = results["batches/bad..name"] {} else {
            Issue.record("a bad name must fail alone")
        }
        #expect(server.maxInFlight > 1)
        #expect(server.maxInFlight <= 3)
        #expect(server.requests.count == 24)
    }

    // MARK: - Download

    static func responsesFileBody(lines: Int, imageBytes: Int) -> (body: Data, images: [Data]) {
        var generator = SeededGenerator(seed: 42)
        var body = Data()
        var images: [Data] = []
        for index in 0..<lines {
            let image = Data((0..<imageBytes).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
            images.append(image)
            body.append(Data(#"{"key":"k\#(index)","response":{"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"image/png","data":"\#(image.base64EncodedString())"}}],"role":"model"},"finishReason":"STOP"}]}}"#.utf8))
            body.append(0x0A)
        }
        return (body, images)
    }

    @Test(arguments: [GeminiClientConfiguration.DownloadPathStyle.downloadPrefix, .plain])
    func downloadStreamsToDisk(style: GeminiClientConfiguration.DownloadPathStyle) async throws {
        let (body, images) = Self.responsesFileBody(lines: 6, imageBytes: 1_500_000)
        #expect(body.count > 4 * CurlTransfer.errorBodyLimit)
        let expectedPath = style == .downloadPrefix
            ? "/download/v1beta/files/batch-abc:download?alt=media" : "/v1beta/files/batch-abc:download?alt=media"
        let server = try LoopbackHTTPServer { request, index in
            guard request.target == expectedPath else { return .respond(status: 400) }
            // The first try breaks off midway: the retry must start the file afresh.
            return index == 0 ? .truncated(status: 200, declaredLength: body.count, body: body.prefix(3_000_000))
                : .respond(status: 200, headers: ["Content-Type": "application/octet-stream"], body: body)
        }
        defer { server.stop() }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try await Self.client(server, downloadStyle: style, downloadDirectory: folder)
            .downloadResponsesFile("files/batch-abc")
        let url = file.url
        #expect(url.path.hasPrefix(folder.path + "/"))
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int
        #expect(size == body.count)
        #expect(try Data(contentsOf: url) == body)
        #expect(server.requests.count == 2)
        let items = Array(try ResponsesFileReader(url: url))
        #expect(items.count == images.count)
        for (index, item) in items.enumerated() {
            #expect(item.key == "k\(index)")
            guard case .images(let decoded) = item.outcome, decoded.count == 1, decoded[0].declaredMimeType == "image/png" else {
                Issue.record("line \(index) is not an image")
                continue
            }
            #expect(decoded[0].data == images[index])
        }
    }

    @Test func failedDownloadLeavesNoFileBehind() async throws {
        let server = try LoopbackHTTPServer(sequence: [], fallback: .json(404, Fixtures.errorBody(404, "NOT_FOUND", "gone")))
        defer { server.stop() }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        await #expect(throws: GeminiError.notFound(RPCStatus(code: 404, status: "NOT_FOUND", message: "gone"))) {
            _ = try await Self.client(server, downloadDirectory: folder).downloadResponsesFile("files/batch-abc")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    // MARK: - The key never leaks

    @Test func noErrorTextContainsTheKey() async throws {
        // A hostile or buggy server echoing the key back must not get it into our error text.
        let echo = "your key \(Self.key) is wrong"
        let server = try LoopbackHTTPServer { request, _ in
            switch request.target {
            case "/v1beta/batches/echo400": .json(400, Fixtures.errorBody(400, "INVALID_ARGUMENT", echo))
            case "/v1beta/batches/echo503": .json(503, Fixtures.errorBody(503, "UNAVAILABLE", echo))
            case "/v1beta/batches/echo404": .json(404, Fixtures.errorBody(404, "NOT_FOUND", echo))
            case "/v1beta/batches/plain": .respond(status: 418, body: Data(echo.utf8))
            case "/v1beta/batches/truncated": .truncated(status: 200, declaredLength: 99, body: Data("{".utf8))
            case "/v1beta/batches/drop": .drop
            case "/v1beta/batches?pageSize=1&pageToken=slow": .delayed(seconds: 1, then: Self.running)
            case "/v1beta/batches/garbage": .json(200, "[\"\(Self.key)\"]")
            default: .json(500, Fixtures.errorBody(500, "INTERNAL", echo))
            }
        }
        defer { server.stop() }
        let client = Self.client(server, maxAttempts: 2, requestTimeout: 0.3)
        var errors: [GeminiError] = []
        for name in ["echo400", "echo503", "echo404", "plain", "truncated", "drop", "garbage", "bad/name"] {
            do { _ = try await client.getBatch("batches/\(name)") } catch { errors.append(error) }
        }
        // A batch GET has no total timeout (only the low-speed one); a list call does.
        do { _ = try await client.listBatchesPage(pageSize: 1, pageToken: "slow") } catch { errors.append(error) }
        do {
            _ = try await client.createBatch(model: "m", displayName: "d", requests: Self.oneRequest)
        } catch { errors.append(error) }
        do { _ = try await client.downloadResponsesFile("files/x") } catch { errors.append(error) }
        do {
            _ = try await Self.client(baseURL: "http://127.0.0.1:1", maxAttempts: 1).getBatch("batches/a")
        } catch { errors.append(error) }
        #expect(errors.count == 12)
        for error in errors {
            var dumped = ""
            dump(error, to: &dumped)
            for rendering in ["\(error)", String(describing: error), String(reflecting: error), error.localizedDescription, dumped] {
                #expect(!rendering.contains(Self.key), "key leaked in: \(rendering)")
            }
        }
        #expect(errors.contains { "\($0)".contains("<redacted>") })
        #expect(!"\(client.configuration)".contains(Self.key))
        #expect(!String(reflecting: client).contains(Self.key))
    }
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gemini-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Polls `condition` until it holds, for at most `timeout` seconds.
func waitUntil(timeout: Double = 5, _ condition: () async -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(timeout)
    while !(await condition()) {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met within \(timeout) s")
            return
        }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// Download redirects: followed, and the key goes only to the configured origin.
@Suite struct DownloadRedirectTests {
    @Test func redirectToAnotherHostDropsTheKey() async throws {
        let body = Data(#"{"key":"a","error":{"code":3,"message":"x"}}"#.utf8 + [0x0A])
        let storage = try LoopbackHTTPServer(sequence: [], fallback: .respond(status: 200, body: body))
        defer { storage.stop() }
        let storageURL = storage.baseURL.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        let api = try LoopbackHTTPServer { request, _ in
            if request.target.hasPrefix("/download/") {
                return .respond(status: 302, headers: ["Location": "/moved/file?alt=media"])
            }
            return .respond(status: 307, headers: ["Location": "\(storageURL)/blob/xyz?sig=1"])
        }
        defer { api.stop() }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try await HTTPClientTests.client(api, downloadDirectory: folder).downloadResponsesFile("files/f1")
        #expect(try Data(contentsOf: file.url) == body)
        #expect(api.requests.map(\.target) == ["/download/v1beta/files/f1:download?alt=media", "/moved/file?alt=media"])
        #expect(api.requests.allSatisfy { $0.headers["x-goog-api-key"] == HTTPClientTests.key })
        #expect(storage.requests.map(\.target) == ["/blob/xyz?sig=1"])
        #expect(storage.requests.allSatisfy { !$0.head.contains(HTTPClientTests.key) })
    }

    @Test func endlessRedirectsStop() async throws {
        let api = try LoopbackHTTPServer(sequence: [], fallback: .respond(status: 302, headers: ["Location": "/again"]))
        defer { api.stop() }
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        await #expect(throws: GeminiError.self) {
            _ = try await HTTPClientTests.client(api, downloadDirectory: folder).downloadResponsesFile("files/f1")
        }
        #expect(api.requests.count == GeminiBatchClient.maxDownloadRedirects)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
