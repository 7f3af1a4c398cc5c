import Foundation
import Testing
@testable import GeminiEmulator

/// The model list and the 404 for retired and unknown models (section 12, rows 1-2).
@Suite struct ModelEndpointTests {
    @Test func modelsAreListedInPagesAndEachCanBeFetched() async throws {
        try await withEmulator { http, _ in
            let pages = try await http.pages("/v1beta/models?pageSize=2", field: "models")
            #expect(pages.map(\.count) == [2, 1])
            #expect(pages.joined().compactMap { $0["name"] as? String } == ["models/gemini-3-pro-image", "models/gemini-3.1-flash-image", "models/gemini-3.1-flash-lite-image"])

            for prefix in ["/v1beta", "/v1"] {
                let model = try await http.send("GET", prefix + "/models/gemini-3.1-flash-image")
                #expect(model.status == 200)
                #expect(model.json["name"] as? String == "models/gemini-3.1-flash-image")
                for field in ["version", "displayName", "description"] { #expect(model.json[field] is String, "\(field)") }
                #expect((model.json["inputTokenLimit"] as? Int ?? 0) > 0 && (model.json["outputTokenLimit"] as? Int ?? 0) > 0)
                let methods = model.json["supportedGenerationMethods"] as? [String] ?? []
                #expect(Set(["generateContent", "countTokens", "batchGenerateContent"]).isSubset(of: methods))
            }
            #expect(try await http.send("GET", "/v1beta/models?pageToken=garbage").status == 400)
            let stats = try await http.stats()
            #expect(stats.modelLists == 3 && stats.modelGets == 2)
            #expect(try await http.pages("/v1beta/models", field: "models").map(\.count) == [3], "one page by default")
        }
    }

    @Test func retiredAndUnknownModelsAreNotFound() async throws {
        try await withEmulator { http, _ in
            for id in ["gemini-3-pro-image-preview", "gemini-3.1-flash-image-preview", "gemini-2.5-flash-image", "gemini-9-ultra"] {
                let fetched = try await http.send("GET", "/v1beta/models/" + id)
                #expect(fetched.status == 404, "\(id)")
                let created = try await http.json("POST", "/v1beta/models/\(id):batchGenerateContent", createBody(["x"]))
                #expect(created.status == 404, "\(id)")
                let error = try #require(created.json["error"] as? [String: Any])
                #expect(error["status"] as? String == "NOT_FOUND")
                #expect(error["message"] as? String == "models/\(id) is not found for API version v1beta, or is not supported "
                    + "for batchGenerateContent. Call ListModels to see the list of available models and their supported methods.")
            }
            let viaV1 = try await http.json("POST", "/v1/models/gemini-2.5-flash-image:batchGenerateContent", createBody(["x"]))
            #expect(((viaV1.json["error"] as? [String: Any])?["message"] as? String ?? "").contains("API version v1,"))
            let stats = try await http.stats()
            #expect(stats.refusedCreates == 5)
            #expect(stats.batches.isEmpty, "no refused create made a batch")
            for live in EmulatorModels.liveModels {
                #expect(try await http.json("POST", "/v1beta/models/\(live.id):batchGenerateContent", createBody(["y"])).status == 200)
            }
        }
    }

    @Test func acceptAnyModelRestoresTheOldLeniency() async throws {
        try await withEmulator({ $0.acceptAnyModel = true }) { http, _ in
            let created = try await http.json("POST", "/v1beta/models/gemini-2.5-flash-image:batchGenerateContent", createBody(["old"]))
            #expect(created.status == 200)
            let done = try await http.pollUntilDone(try #require(created.json["name"] as? String))
            let response = firstResponse(done)
            #expect(imageParts(response, thought: true).isEmpty, "a non-Gemini-3 id has no thought parts")
            #expect(imagePart(response)?.mime == "image/png")
        }
    }
}
