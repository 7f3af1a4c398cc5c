import Foundation
import Testing
@testable import GeminiBatch

@Suite struct ParsingTests {
    private func parse(_ text: String) throws -> Batch {
        try BatchParser.batch(from: Data(text.utf8))
    }

    private func inlineItems(_ batch: Batch) -> [BatchItemResult] {
        if case .inline(let items) = batch.output { return Array(items) }
        return []
    }

    @Test func createAnswerIsPendingWithStatsAndTimes() throws {
        let batch = try parse(Fixtures.createPending)
        #expect(batch.name == "batches/4m855v7q30kc7gtzcigdg9m72o87s08w33vp")
        #expect(batch.state == .pending)
        #expect(!batch.state.isTerminal)
        #expect(batch.displayName == "test-batch-job")
        #expect(batch.model == "models/gemini-2.5-flash")
        #expect(batch.stats.requestCount == 3)
        #expect(batch.stats.pendingRequestCount == 3)
        #expect(batch.stats.successfulRequestCount == 0)
        #expect(batch.output == nil)
        let createTime = try #require(batch.createTime)
        #expect(abs(createTime.timeIntervalSince1970 - 1_765_391_221.407650525) < 1e-5)
    }

    @Test func topLevelResponseWinsOverMetadataOutput() throws {
        let batch = try parse(Fixtures.succeededBoth)
        #expect(batch.state == .succeeded && batch.state.isTerminal)
        #expect(batch.stats.failedRequestCount == 1)
        #expect(batch.endTime != nil)
        let items = inlineItems(batch)
        #expect(items.map(\.key) == ["k1", "bad"])
        guard case .images(let images) = items[0].outcome, let image = images.first else {
            Issue.record("expected an image, got \(items[0].outcome)")
            return
        }
        #expect(Array(image.data.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(image.declaredMimeType == "image/png")
        #expect(items[0].text == "Here you go")
        #expect(items[1].outcome == .failed(ItemFailure(kind: .error, code: 3, reason: "Request contains an invalid argument.")))
    }

    @Test func metadataOutputIsTheFallbackAndJobStatePrefixIsAccepted() throws {
        let batch = try parse(Fixtures.succeededMetadataOnly)
        #expect(batch.state == .succeeded)
        let items = inlineItems(batch)
        #expect(items.count == 4)
        #expect(items.map(\.index) == [0, 1, 2, 3])
        if case .images = items[0].outcome {} else { Issue.record("item 0 should be an image") }
        #expect(items[1].outcome == .failed(ItemFailure(kind: .blocked, reason: "PROHIBITED_CONTENT")))
        #expect(items[2].outcome == .failed(ItemFailure(kind: .noImage, reason: "IMAGE_SAFETY")))
        #expect(items[3].outcome == .failed(ItemFailure(kind: .noImage, reason: "no image part")))
    }

    @Test func responsesFileOutput() throws {
        let batch = try parse(Fixtures.succeededFile)
        #expect(batch.output == .responsesFile("files/batch-abc"))
    }

    @Test func failedBatchKeepsOperationError() throws {
        let batch = try parse(Fixtures.failed)
        #expect(batch.state == .failed)
        #expect(batch.error == RPCStatus(code: 13, message: "Internal error while processing the batch."))
        #expect(batch.output == nil)
    }

    @Test func unknownStateIsKeptVerbatimAndNotFinished() throws {
        let batch = try parse(Fixtures.unknownState)
        #expect(batch.state == .unknown("BATCH_STATE_PAUSED"))
        #expect(batch.state.wireValue == "BATCH_STATE_PAUSED")
        #expect(!batch.state.isTerminal)
    }

    @Test(arguments: [
        ("BATCH_STATE_PENDING", BatchState.pending), ("JOB_STATE_PENDING", .pending),
        ("BATCH_STATE_RUNNING", .running), ("JOB_STATE_RUNNING", .running),
        ("BATCH_STATE_SUCCEEDED", .succeeded), ("JOB_STATE_SUCCEEDED", .succeeded),
        ("BATCH_STATE_FAILED", .failed), ("JOB_STATE_FAILED", .failed),
        ("BATCH_STATE_CANCELLED", .cancelled), ("JOB_STATE_CANCELLED", .cancelled),
        ("BATCH_STATE_EXPIRED", .expired), ("JOB_STATE_EXPIRED", .expired),
        ("BATCH_STATE_UNSPECIFIED", .unspecified),
    ])
    func bothStatePrefixesNormalise(wire: String, expected: BatchState) {
        #expect(BatchState(wire: wire) == expected)
        #expect(BatchState(wire: wire).isTerminal == [.succeeded, .failed, .cancelled, .expired].contains(expected))
    }

    @Test func missingNameIsAnInvalidResponse() {
        #expect(throws: GeminiError.invalidResponse("batch has no name")) {
            try BatchParser.batch(from: Data(#"{"metadata": {"state": "BATCH_STATE_RUNNING"}}"#.utf8))
        }
        #expect(throws: GeminiError.self) { try BatchParser.batch(from: Data("<html>".utf8)) }
    }

    @Test func listPageAndItsToken() throws {
        let page = try BatchParser.batchPage(from: Data(Fixtures.listPage(["batches/a", "batches/b"], next: "tok1").utf8))
        #expect(page.batches.map(\.name) == ["batches/a", "batches/b"])
        #expect(page.batches.allSatisfy { $0.state == .running })
        #expect(page.nextPageToken == "tok1")
        let last = try BatchParser.batchPage(from: Data(Fixtures.listPage(["batches/c"], next: nil).utf8))
        #expect(last.nextPageToken == nil)
        let empty = try BatchParser.batchPage(from: Data("{}".utf8))
        #expect(empty.batches.isEmpty && empty.nextPageToken == nil)
    }

    @Test func errorBodyWithRetryInfo() throws {
        let status = try #require(BatchParser.rpcStatus(fromErrorBody: Data(
            Fixtures.errorBody(429, "RESOURCE_EXHAUSTED", "Quota exceeded", retryDelay: "1.5s").utf8)))
        #expect(status.code == 429)
        #expect(status.status == "RESOURCE_EXHAUSTED")
        #expect(status.message == "Quota exceeded")
        #expect(status.retryDelay == 1.5)
        #expect(BatchParser.rpcStatus(fromErrorBody: Data("not json".utf8)) == nil)
    }

    @Test func responsesFileLines() {
        let good = #"{"key":"req-1","response":{"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"image/jpeg","data":"\#(Fixtures.pngBase64)"}}],"role":"model"},"finishReason":"STOP"}],"usageMetadata":{"x":1}}}"#
        let item = BatchParser.itemResult(fromResponsesFileLine: Data(good.utf8), index: 0)
        #expect(item.key == "req-1")
        if case .images(let images) = item.outcome { #expect(images.map(\.declaredMimeType) == ["image/jpeg"]) } else {
            Issue.record("expected an image, got \(item.outcome)")
        }
        let error = BatchParser.itemResult(fromResponsesFileLine: Data(#"{"key":"req-2","error":{"code":3,"message":"bad prompt"}}"#.utf8), index: 1)
        #expect(error == BatchItemResult(key: "req-2", index: 1, outcome: .failed(ItemFailure(kind: .error, code: 3, reason: "bad prompt"))))
        let broken = BatchParser.itemResult(fromResponsesFileLine: Data("{not json".utf8), index: 2)
        #expect(broken.key == nil)
        if case .failed(let failure) = broken.outcome { #expect(failure.kind == .malformed) } else {
            Issue.record("a broken line must be a failure")
        }
    }

    @Test func readerYieldsOneItemPerLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        let lines = [
            #"{"key":"a","response":{"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"image/png","data":"\#(Fixtures.pngBase64)"}}]}}]}}"#,
            "",
            #"{"key":"b","error":{"code":8,"message":"quota"}}"#,
            #"{"response":{"promptFeedback":{"blockReason":"SAFETY"}}}"#,
        ]
        try Data(lines.joined(separator: "\n").utf8).write(to: url)
        let items = Array(try ResponsesFileReader(url: url))
        #expect(items.map(\.key) == ["a", "b", nil])
        #expect(items.map(\.index) == [0, 1, 2])
        #expect(items[2].outcome == .failed(ItemFailure(kind: .blocked, reason: "SAFETY")))
        #expect(throws: GeminiError.self) { try ResponsesFileReader(url: url.appendingPathExtension("missing")) }
    }

    @Test func matchingByKeyThenPosition() {
        let image = BatchItemResult.Outcome.images([ItemImage(data: Data([1]), declaredMimeType: "image/png")])
        let results = [
            BatchItemResult(key: "b", index: 0, outcome: image),
            BatchItemResult(key: nil, index: 1, outcome: .failed(ItemFailure(kind: .noImage, reason: "x"))),
            BatchItemResult(key: "a", index: 2, outcome: image),
        ]
        let matched = BatchItemResult.match(results, toKeys: ["a", "b", "c"])
        #expect(matched["a"]?.index == 2)
        #expect(matched["b"]?.index == 0)
        #expect(matched["c"] == nil)  // position 1 belongs to key "b", which already matched by key
        let byPosition = BatchItemResult.match([results[1]], toKeys: ["x", "y"])
        #expect(byPosition["y"]?.index == 1)
    }

    @Test func createBodyCarriesKeysAndImageConfig() throws {
        let body = try BatchRequest.createBody(
            displayName: "intent-1",
            requests: [BatchRequest(key: "k1", prompt: "a cat", aspectRatio: "16:9", imageSize: "2K"),
                       BatchRequest(key: "k2", prompt: "a dog")],
            responseModalities: ["TEXT", "IMAGE"])
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let batch = try #require(object["batch"] as? [String: Any])
        #expect(batch["displayName"] as? String == "intent-1")
        let requests = try #require(((batch["inputConfig"] as? [String: Any])?["requests"] as? [String: Any])?["requests"] as? [[String: Any]])
        #expect(requests.count == 2)
        #expect((requests[0]["metadata"] as? [String: String])?["key"] == "k1")
        let first = try #require(requests[0]["request"] as? [String: Any])
        let config = try #require(first["generationConfig"] as? [String: Any])
        #expect(config["responseModalities"] as? [String] == ["TEXT", "IMAGE"])
        #expect(config["imageConfig"] as? [String: String] == ["aspectRatio": "16:9", "imageSize": "2K"])
        let contents = try #require(first["contents"] as? [[String: Any]])
        #expect((contents[0]["parts"] as? [[String: String]])?[0]["text"] == "a cat")
        let second = try #require(requests[1]["request"] as? [String: Any])
        #expect((second["generationConfig"] as? [String: Any])?["imageConfig"] == nil)
    }

    @Test func namesThatCouldAlterThePathAreRefused() {
        #expect(throws: GeminiError.self) { try GeminiBatchClient.batchResourceName("batches/../files/x") }
        #expect(throws: GeminiError.self) { try GeminiBatchClient.batchResourceName("batches/a?x=1") }
        #expect(throws: GeminiError.self) { try GeminiBatchClient.modelID("models/../x") }
        #expect((try? GeminiBatchClient.batchResourceName("abc123")) == "batches/abc123")
        #expect((try? GeminiBatchClient.modelID("models/gemini-2.5-flash-image")) == "gemini-2.5-flash-image")
    }

    @Test func apiKeyNeverPrints() {
        let key = APIKey("AIzaSECRET-123")
        #expect(!"\(key)".contains("SECRET"))
        #expect(!String(reflecting: key).contains("SECRET"))
        var dumped = ""
        dump(key, to: &dumped)
        #expect(!dumped.contains("SECRET"))
    }

    @Test func retryDelaysHaveFullJitterWithinTheCeiling() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: 0.1, maxDelay: 1, maxTotal: 100)
        var generator = SystemRandomNumberGenerator()
        let third = (0..<200).map { _ in policy.delay(beforeRetry: 3, serverHint: nil, using: &generator) }
        #expect(third.allSatisfy { $0 >= 0 && $0 <= 0.4 })
        #expect(third.min()! < 0.1 && third.max()! > 0.3)  // spread over the whole range, not a fixed step
        let late = (0..<50).map { _ in policy.delay(beforeRetry: 9, serverHint: nil, using: &generator) }
        #expect(late.allSatisfy { $0 <= 1 })
        #expect(policy.delay(beforeRetry: 1, serverHint: 2.5, using: &generator) == 2.5)
    }
}
