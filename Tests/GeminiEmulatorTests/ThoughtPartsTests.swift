import Digests
import Foundation
import Testing
@testable import GeminiEmulator

/// Gemini 3 answers: thought text and draft images before the final image (section 12, row 4), and the
/// usage each answer reports (row 11).
@Suite struct ThoughtPartsTests {
    /// The control record of a batch's items.
    func records(_ http: LoopbackHTTP, _ name: String) async throws -> [[String: Any]] {
        try #require(try await http.send("GET", "/_emulator/" + name).json["items"] as? [[String: Any]])
    }

    @Test func gemini3AnswersCarryThoughtsThenTheFinalImageWithASignature() async throws {
        try await withEmulator { http, _ in
            let name = try await http.createBatch(["a lighthouse at dusk", "a lighthouse at dawn [emu:two-drafts]"])
            let done = try await http.pollUntilDone(name)
            let items = inlineItems(done["response"])
            try #require(items.count == 2)
            let first = try #require(items[0]["response"] as? [String: Any])
            let shape = parts(first).map { part -> String in
                let kind = part["inlineData"] != nil ? "image" : "text"
                return (part["thought"] as? Bool == true ? "thought-" : "") + kind
            }
            #expect(shape == ["thought-text", "thought-image", "image", "text"])
            let finalPart = try #require(parts(first).first { $0["inlineData"] != nil && $0["thought"] == nil })
            let signature = try #require(finalPart["thoughtSignature"] as? String)
            #expect(signature.count >= 32 && Data(base64Encoded: signature) != nil)
            #expect(parts(first).filter { $0["thoughtSignature"] != nil }.count == 1, "only the final image is signed")

            let draft = try #require(imageParts(first, thought: true).first)
            let final = try #require(imagePart(first))
            #expect(draft.bytes != final.bytes)
            #expect(pngSize(draft.bytes).map { [$0.width, $0.height] } == [24, 16], "drafts are half size")
            #expect(pngSize(final.bytes).map { [$0.width, $0.height] } == [48, 32])
            #expect(imageParts(items[1]["response"] as? [String: Any], thought: true).count == 2)

            let recorded = try await records(http, name)
            let finals = try #require(recorded[0]["finalImages"] as? [[String: Any]])
            #expect(finals.map { $0["sha256"] as? String } == [SHA256.hex(of: final.bytes)], "the control API names the final bytes")
            #expect((recorded[0]["draftImages"] as? [[String: Any]])?.first?["sha256"] as? String == SHA256.hex(of: draft.bytes))
            #expect((recorded[1]["draftImages"] as? [Any])?.count == 2)
            #expect(recorded[0]["outcome"] as? String == "image")
        }
    }

    @Test func thoughtsCanBeTurnedOffPerItemOrForTheEmulator() async throws {
        try await withEmulator { http, _ in
            let done = try await http.pollUntilDone(try await http.createBatch(["plain [emu:no-thoughts]"]))
            let response = firstResponse(done)
            #expect(parts(response).allSatisfy { $0["thought"] == nil && $0["thoughtSignature"] == nil })
            #expect(imagePart(response) != nil)
        }
        try await withEmulator({ $0.thoughts = false }) { http, _ in
            let done = try await http.pollUntilDone(try await http.createBatch(["plain"]))
            let response = firstResponse(done)
            #expect(parts(response).map { $0["inlineData"] != nil } == [false, true], "text, then the image, as before")
            #expect((response?["usageMetadata"] as? [String: Any])?["thoughtsTokenCount"] == nil)
        }
        try await withEmulator({ $0.draftImages = 0 }) { http, _ in
            let response = firstResponse(try await http.pollUntilDone(try await http.createBatch(["no drafts"])))
            #expect(imageParts(response, thought: true).isEmpty)
            #expect(parts(response).first?["thought"] as? Bool == true, "the thought text stays")
        }
    }

    @Test func twoFinalImagesAreBothNonThoughtWithTheirOwnBytes() async throws {
        try await withEmulator { http, _ in
            let name = try await http.createBatch(["a pair [emu:two-images]"])
            let response = firstResponse(try await http.pollUntilDone(name))
            let finals = imageParts(response, thought: false)
            #expect(finals.count == 2 && finals[0].bytes != finals[1].bytes)
            let recorded = try #require(try await records(http, name).first?["finalImages"] as? [[String: Any]])
            #expect(recorded.map { $0["sha256"] as? String } == finals.map { SHA256.hex(of: $0.bytes) })
            #expect((response?["usageMetadata"] as? [String: Any])?["candidatesTokenCount"] as? Int == 2240)
        }
    }

    @Test func usageCountsTokensPerImageSizeAndModel() async throws {
        try await withEmulator { http, _ in
            let cases: [(model: String, size: String?, candidates: Int)] = [
                ("gemini-3-pro-image", nil, 1120), ("gemini-3-pro-image", "1K", 1120), ("gemini-3-pro-image", "2K", 1120),
                ("gemini-3-pro-image", "4K", 2000), ("gemini-3.1-flash-image", "512", 747),
                ("gemini-3.1-flash-image", "4K", 2000), ("gemini-3.1-flash-lite-image", nil, 1120),
            ]
            for (model, size, candidates) in cases {
                var config: [String: Any] = ["responseModalities": ["TEXT", "IMAGE"]]
                if let size { config["imageConfig"] = ["imageSize": size] }
                let created = try await http.json("POST", "/v1beta/models/\(model):batchGenerateContent",
                                                  createBody(requests: [inlineRequest("three word prompt", key: "u", generationConfig: config)]))
                let done = try await http.pollUntilDone(try #require(created.json["name"] as? String))
                let usage = try #require(firstResponse(done)?["usageMetadata"] as? [String: Any])
                #expect(usage["candidatesTokenCount"] as? Int == candidates, "\(model) \(size ?? "-")")
                #expect(usage["promptTokenCount"] as? Int == 3)
                let thoughts = usage["thoughtsTokenCount"] as? Int ?? 0
                #expect(thoughts == 160 + 560, "thought text and one draft")
                #expect(usage["totalTokenCount"] as? Int == 3 + candidates + thoughts)
                let details = usage["candidatesTokensDetails"] as? [[String: Any]]
                #expect(details?.first?["modality"] as? String == "IMAGE" && details?.first?["tokenCount"] as? Int == candidates)
                #expect((usage["promptTokensDetails"] as? [[String: Any]])?.first?["modality"] as? String == "TEXT")
                #expect(firstResponse(done)?["modelVersion"] as? String == model)
            }
        }
    }
}
