import Foundation
@testable import GeminiBatch
import Testing

/// The create body as the service reads it: reference images as `inlineData` parts before the prompt text,
/// and only the options that are set.
@Suite struct CreateBodyTests {
    func decodedRequests(_ requests: [BatchRequest]) throws -> [[String: Any]] {
        let body = try BatchRequest.createBody(displayName: "pfc-jobs-test", requests: requests, responseModalities: ["TEXT", "IMAGE"])
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let batch = try #require(object["batch"] as? [String: Any])
        #expect(batch["displayName"] as? String == "pfc-jobs-test")
        let inline = try #require(((batch["inputConfig"] as? [String: Any])?["requests"] as? [String: Any])?["requests"] as? [[String: Any]])
        return try inline.map { try #require($0["request"] as? [String: Any]) }
    }

    @Test func referenceImagesComeFirstAndEveryOptionLandsWhereTheAPIReadsIt() throws {
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 9, 9])
        let request = BatchRequest(key: "req_0", prompt: "the same frog, wearing a hat", aspectRatio: "16:9", imageSize: "2K",
                                   referenceImages: [InlineImage(mimeType: "image/png", data: png),
                                                     InlineImage(mimeType: "image/jpeg", data: jpeg)],
                                   thinkingLevel: "HIGH", mediaResolution: "MEDIA_RESOLUTION_LOW", searchGrounding: true)
        let sent = try #require(try decodedRequests([request]).first)
        let contents = try #require(sent["contents"] as? [[String: Any]])
        let parts = try #require(contents.first?["parts"] as? [[String: Any]])
        #expect(parts.count == 3)
        let first = try #require(parts[0]["inlineData"] as? [String: Any])
        #expect(first["mimeType"] as? String == "image/png")
        #expect(Data(base64Encoded: first["data"] as? String ?? "") == png, "the bytes exactly")
        #expect((parts[1]["inlineData"] as? [String: Any])?["mimeType"] as? String == "image/jpeg")
        #expect(parts[2]["text"] as? String == "the same frog, wearing a hat", "the prompt after the images")
        let config = try #require(sent["generationConfig"] as? [String: Any])
        #expect(config["responseModalities"] as? [String] == ["TEXT", "IMAGE"])
        #expect(config["imageConfig"] as? [String: String] == ["aspectRatio": "16:9", "imageSize": "2K"])
        #expect(config["thinkingConfig"] as? [String: String] == ["thinkingLevel": "HIGH"])
        #expect(config["mediaResolution"] as? String == "MEDIA_RESOLUTION_LOW")
        let tools = try #require(sent["tools"] as? [[String: Any]])
        #expect(tools.count == 1 && tools[0]["google_search"] is [String: Any])
    }

    @Test func aPlainPromptCarriesNoOptionalField() throws {
        let sent = try #require(try decodedRequests([BatchRequest(key: "req_0", prompt: "a heron")]).first)
        let config = try #require(sent["generationConfig"] as? [String: Any])
        #expect(Set(config.keys) == ["responseModalities"], "no imageSize, thinking or media resolution unless asked: \(config)")
        #expect(sent["tools"] == nil)
        #expect(((sent["contents"] as? [[String: Any]])?.first?["parts"] as? [[String: Any]])?.count == 1)
    }

    @Test func anEmptyOrTooLargeBatchIsRefusedLocally() throws {
        #expect(throws: GeminiError.invalidRequest("a batch needs at least one request")) {
            try BatchRequest.createBody(displayName: "x", requests: [], responseModalities: ["IMAGE"])
        }
        let big = InlineImage(mimeType: "image/png", data: Data(count: 15_100_000))
        #expect(BatchRequest.inlineImageBytes([BatchRequest(key: "a", prompt: "p", referenceImages: [big])]) > 20_000_000)
        #expect(throws: GeminiError.self) {
            try BatchRequest.createBody(displayName: "x", requests: [BatchRequest(key: "a", prompt: "p", referenceImages: [big])],
                                        responseModalities: ["IMAGE"])
        }
    }
}
