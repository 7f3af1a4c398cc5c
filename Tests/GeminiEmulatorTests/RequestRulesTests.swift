import Digests
import Foundation
import Testing
@testable import GeminiEmulator

/// Per-model `imageConfig` rules, thinking levels, pass-through fields and reference images (section 12, row 3).
@Suite struct RequestRulesTests {
    func create(_ http: LoopbackHTTP, model: String, _ generationConfig: [String: Any],
                extra: [String: Any] = [:]) async throws -> LoopbackHTTP.Response {
        try await http.json("POST", "/v1beta/models/\(model):batchGenerateContent",
                            createBody(requests: [inlineRequest("a kite", key: "k1", generationConfig: generationConfig, extra: extra)]))
    }

    func message(_ response: LoopbackHTTP.Response) -> String {
        (response.json["error"] as? [String: Any])?["message"] as? String ?? ""
    }

    @Test func imageSizesAreCheckedPerModelInExactCase() async throws {
        try await withEmulator { http, _ in
            let accepted: [(String, String)] = [
                ("gemini-3-pro-image", "1K"), ("gemini-3-pro-image", "2K"), ("gemini-3-pro-image", "4K"),
                ("gemini-3.1-flash-image", "512"), ("gemini-3.1-flash-image", "1K"), ("gemini-3.1-flash-image", "4K"),
            ]
            for (model, size) in accepted {
                let response = try await create(http, model: model, ["imageConfig": ["imageSize": size]])
                #expect(response.status == 200, "\(model) \(size): \(message(response))")
            }
            let refused: [(String, String)] = [
                ("gemini-3-pro-image", "1k"), ("gemini-3-pro-image", "512"), ("gemini-3-pro-image", "8K"),
                ("gemini-3.1-flash-image", "2k"), ("gemini-3.1-flash-lite-image", "1K"),
            ]
            for (model, size) in refused {
                let response = try await create(http, model: model, ["imageConfig": ["imageSize": size]])
                #expect(response.status == 400, "\(model) \(size)")
                #expect((response.json["error"] as? [String: Any])?["status"] as? String == "INVALID_ARGUMENT")
                #expect(message(response).contains("image_config.image_size") && message(response).contains("\"\(size)\""),
                        "the message names the field and the value: \(message(response))")
            }
            #expect(message(try await create(http, model: "gemini-3.1-flash-lite-image", ["imageConfig": ["imageSize": "1K"]]))
                .contains("does not support imageSize"))
            // snake_case spelling is checked the same way.
            #expect(try await create(http, model: "gemini-3-pro-image", ["image_config": ["image_size": "4k"]]).status == 400)
            #expect(try await http.stats().refusedCreates == refused.count + 2)
        }
    }

    @Test func aspectRatiosAreCheckedPerModel() async throws {
        try await withEmulator { http, _ in
            for ratio in ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"] {
                for model in ["gemini-3-pro-image", "gemini-3.1-flash-image", "gemini-3.1-flash-lite-image"] {
                    #expect(try await create(http, model: model, ["imageConfig": ["aspectRatio": ratio]]).status == 200, "\(model) \(ratio)")
                }
            }
            for ratio in ["1:4", "4:1", "1:8", "8:1"] {
                #expect(try await create(http, model: "gemini-3.1-flash-image", ["imageConfig": ["aspectRatio": ratio]]).status == 200)
                let refused = try await create(http, model: "gemini-3-pro-image", ["imageConfig": ["aspectRatio": ratio]])
                #expect(refused.status == 400)
                #expect(message(refused).contains("image_config.aspect_ratio") && message(refused).contains("\"\(ratio)\""))
            }
            #expect(try await create(http, model: "gemini-3.1-flash-image", ["imageConfig": ["aspectRatio": "7:3"]]).status == 400)
        }
    }

    @Test func thinkingSearchAndMediaResolutionAreAcceptedAndAnUnknownLevelIsNot() async throws {
        try await withEmulator { http, _ in
            for level in ["minimal", "low", "medium", "high", "HIGH"] {
                let config: [String: Any] = ["thinkingConfig": ["thinkingLevel": level, "includeThoughts": true],
                                             "mediaResolution": "MEDIA_RESOLUTION_HIGH",
                                             "imageConfig": ["aspectRatio": "16:9", "imageSize": "2K"]]
                let response = try await create(http, model: "gemini-3-pro-image", config,
                                                extra: ["tools": [["google_search": [:] as [String: Any]]]])
                #expect(response.status == 200, "\(level): \(message(response))")
            }
            #expect(try await create(http, model: "gemini-3.1-flash-image", ["thinking_config": ["thinking_level": "low"]],
                                     extra: ["tools": [["googleSearch": [:] as [String: Any]]]]).status == 200)
            let refused = try await create(http, model: "gemini-3-pro-image", ["thinkingConfig": ["thinkingLevel": "extreme"]])
            #expect(refused.status == 400)
            #expect(message(refused).contains("thinking_config.thinking_level") && message(refused).contains("\"extreme\""))
        }
    }

    @Test func referenceImagesAreRecordedByDigestAndPriced() async throws {
        try await withEmulator { http, _ in
            let first = Data((0..<5000).map { UInt8($0 % 251) })
            let second = Data("a second reference image".utf8)
            let created = try await http.json("POST", createPath, createBody(requests: [
                inlineRequest("edit these two photos", key: "with-refs", images: [first, second]),
                inlineRequest("no references here", key: "plain"),
            ]))
            #expect(created.status == 200)
            let name = try #require(created.json["name"] as? String)
            let before = try await http.send("GET", "/_emulator/" + name).json
            let items = try #require(before["items"] as? [[String: Any]])
            let refs = try #require(items.first?["referenceImages"] as? [[String: Any]])
            #expect(refs.map { $0["sha256"] as? String } == [SHA256.hex(of: first), SHA256.hex(of: second)])
            #expect(refs.map { $0["bytes"] as? Int } == [first.count, second.count])
            #expect(refs.map { $0["part"] as? Int } == [0, 1], "the images came before the text part")
            #expect((items[1]["referenceImages"] as? [Any])?.isEmpty == true)

            let done = try await http.pollUntilDone(name)
            let usage = try #require(firstResponse(done)?["usageMetadata"] as? [String: Any])
            #expect(usage["promptTokenCount"] as? Int == 4 + 2 * 560)
            let details = usage["promptTokensDetails"] as? [[String: Any]] ?? []
            #expect(details.first { $0["modality"] as? String == "IMAGE" }?["tokenCount"] as? Int == 1120)

            let badBase64 = try await http.json("POST", createPath, createBody(requests: [
                ["request": ["contents": [["parts": [["inlineData": ["mimeType": "image/png", "data": "not base64!"]], ["text": "x"]]]]]],
            ]))
            #expect(badBase64.status == 400)
            #expect(message(badBase64).contains("inline_data.data"))
            #expect(try await http.send("GET", "/_emulator/batches/nosuchbatch").status == 404)
        }
    }
}
