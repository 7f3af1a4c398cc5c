import Foundation
import Testing
@testable import GeminiBatch

/// The real service's answers as a client must read them: drafts skipped, several final images kept, `status`
/// file lines, and a finished batch's answer read from disk one item at a time (it can be gigabytes).
@Suite struct StreamingBodyTests {
    static let draft = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 1, 1])
    static let final = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 2, 2, 2, 2])
    static let second = Data([0xFF, 0xD8, 0xFF, 0xE0, 3, 3])

    static func response(_ parts: [String]) -> String {
        #"{"candidates":[{"content":{"parts":[\#(parts.joined(separator: ","))],"role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":7,"candidatesTokenCount":1120,"thoughtsTokenCount":300,"totalTokenCount":1427}}"#
    }
    static let thoughtParts = [
        #"{"text":"Planning the scene","thought":true}"#,
        #"{"inlineData":{"mimeType":"image/png","data":"\#(draft.base64EncodedString())"},"thought":true}"#,
        #"{"inlineData":{"mimeType":"image/png","data":"\#(final.base64EncodedString())"},"thoughtSignature":"c2lnbmF0dXJl"}"#,
        #"{"text":"Here it is"}"#,
    ]

    @Test func thoughtPartsAreSkippedAndTheFinalImageKept() {
        let line = #"{"key":"k","response":\#(Self.response(Self.thoughtParts))}"#
        let item = BatchParser.itemResult(fromResponsesFileLine: Data(line.utf8), index: 0)
        #expect(item.outcome == .images([ItemImage(data: Self.final, declaredMimeType: "image/png")]))
        #expect(item.text == "Here it is")
        #expect(item.usage == TokenUsage(promptTokens: 7, candidatesTokens: 1120, thoughtsTokens: 300, totalTokens: 1427))
    }

    @Test func severalFinalImagesAreAllKept() {
        let parts = Self.thoughtParts + [#"{"inlineData":{"mimeType":"image/jpeg","data":"\#(Self.second.base64EncodedString())"}}"#]
        let item = BatchParser.itemResult(fromResponsesFileLine: Data(#"{"key":"k","response":\#(Self.response(parts))}"#.utf8), index: 0)
        guard case .images(let images) = item.outcome else { Issue.record("no images: \(item.outcome)"); return }
        #expect(images.map(\.data) == [Self.final, Self.second])
    }

    @Test func statusFileLinesKeepTheirMessage() {
        let line = #"{"key":"k9","status":{"code":3,"message":"The prompt could not be processed"}}"#
        let item = BatchParser.itemResult(fromResponsesFileLine: Data(line.utf8), index: 4)
        #expect(item.outcome == .failed(ItemFailure(kind: .error, code: 3, reason: "The prompt could not be processed")))
        #expect(item.key == "k9")
    }

    /// An Operation whose output sits twice (`metadata.output` first here, then `response`), as the service sends it.
    static func operation(items: [String], state: String = "BATCH_STATE_SUCCEEDED", pad: Int = 0) -> String {
        let list = #"{"inlinedResponses":{"inlinedResponses":[\#(items.joined(separator: ","))]}}"#
        let padding = String(repeating: " ", count: pad)
        return #"{"name":"batches/big","metadata":{"@type":"type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch","model":"models/gemini-3-pro-image","displayName":"d","state":"\#(state)","batchStats":{"requestCount":"\#(items.count)","successfulRequestCount":"\#(items.count)"},"output":\#(list)},\#(padding)"done":true,"response":\#(list)}"#
    }

    static func write(_ text: String) throws -> TemporaryFile {
        let file = TemporaryFile.make(in: FileManager.default.temporaryDirectory, kind: "test")
        try Data(text.utf8).write(to: file.url)
        return file
    }

    @Test func aBatchAnswerOnDiskIsReadOneItemAtATimeAndOnlyOnce() throws {
        let items = (0..<5).map { index in
            #"{"response":\#(Self.response(Self.thoughtParts)),"metadata":{"key":"req_\#(index)"}}"#
        } + [#"{"error":{"code":3,"message":"bad \u001b[2J prompt"},"metadata":{"key":"req_5"}}"#]
        let file = try Self.write(Self.operation(items: items))
        let batch = try BatchParser.batch(fromAnswerFile: file, outlineLimit: 4096, cleaner: ServiceText(key: nil))
        #expect(batch.state == .succeeded)
        #expect(batch.stats.requestCount == 6)
        guard case .inline(let inline)? = batch.output else { Issue.record("no inline output"); return }
        #expect(inline.count == 6)
        let read = Array(inline)
        #expect(read.map(\.key) == (0..<6).map { "req_\($0)" })
        #expect(read.prefix(5).allSatisfy { $0.outcome == .images([ItemImage(data: Self.final, declaredMimeType: "image/png")]) })
        // Control characters in the service's words are escaped before anyone stores or prints them.
        #expect(read[5].outcome == .failed(ItemFailure(kind: .error, code: 3, reason: "bad \\u001B[2J prompt")))
        // The outline limit holds although the answer is far bigger: the images never entered it.
        #expect((try FileManager.default.attributesOfItem(atPath: file.url.path)[.size] as? Int ?? 0) > 4096)
    }

    @Test func theFileGoesWithTheLastReference() throws {
        var url: URL?
        do {
            let file = try Self.write(Self.operation(items: []))
            url = file.url
            let batch = try BatchParser.batch(fromAnswerFile: file, outlineLimit: 4096, cleaner: ServiceText(key: nil))
            guard case .inline(let items)? = batch.output else { Issue.record("no inline output"); return }
            #expect(items.count == 0)
        }
        #expect(!FileManager.default.fileExists(atPath: url!.path))
    }

    @Test func anOversizedStatusAnswerIsRefusedNotHeld() throws {
        let file = try Self.write(Self.operation(items: [], state: "BATCH_STATE_RUNNING", pad: 0)
            .replacingOccurrences(of: #""done":true"#, with: #""padding":"\#(String(repeating: "x", count: 100_000))""#))
        #expect(throws: GeminiError.answerTooLarge(limit: 8192)) {
            try BatchParser.batch(fromAnswerFile: file, outlineLimit: 8192, cleaner: ServiceText(key: nil))
        }
    }

    @Test func theKeyQuotedByTheServiceIsRedacted() throws {
        let key = "AIzaSyQuotedKey0123456789"
        let items = [#"{"error":{"code":3,"message":"key \#(key) is not allowed"},"metadata":{"key":"req_0"}}"#]
        let file = try Self.write(Self.operation(items: items))
        let batch = try BatchParser.batch(fromAnswerFile: file, outlineLimit: 4096, cleaner: ServiceText(key: APIKey(key)))
        guard case .inline(let inline)? = batch.output else { Issue.record("no inline output"); return }
        let item = try #require(Array(inline).first)
        #expect("\(item)".contains(key) == false)
        #expect(item.outcome == .failed(ItemFailure(kind: .error, code: 3, reason: "key <redacted> is not allowed")))
    }

    @Test func responsesFileLinesStreamWithBrokenLinesAlone() throws {
        let lines = [
            #"{"key":"a","response":\#(Self.response(Self.thoughtParts))}"#,
            "{not json",
            #"{"key":"c","status":{"code":8,"message":"quota"}}"#,
        ]
        let file = try Self.write(lines.joined(separator: "\n") + "\n")
        let items = Array(ResponsesFileReader(file))
        #expect(items.map(\.index) == [0, 1, 2])
        #expect(items[0].outcome == .images([ItemImage(data: Self.final, declaredMimeType: "image/png")]))
        if case .failed(let failure) = items[1].outcome { #expect(failure.kind == .malformed) } else { Issue.record("line 2 must fail") }
        #expect(items[2].outcome == .failed(ItemFailure(kind: .error, code: 8, reason: "quota")))
    }

    @Test func batchNamesThatWouldChangeThePathAreRefused() {
        for name in ["batches/.", "batches/..", "batches/", "batches/a/b", "batches/a\u{0}b"] {
            #expect(throws: GeminiError.self) { try GeminiBatchClient.batchResourceName(name) }
        }
    }
}
