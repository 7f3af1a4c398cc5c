import Foundation
import Testing
@testable import GeminiEmulator

@Suite struct BatchLifecycleTests {
    @Test func createPollsThroughRunningToSucceededWithPNGImages() async throws {
        try await withEmulator { http, _ in
            let created = try await http.json("POST", createPath, createBody(["a red cat", "a blue dog"]))
            #expect(created.status == 200)
            let name = try #require(created.json["name"] as? String)
            let id = name.dropFirst("batches/".count)
            #expect(name.hasPrefix("batches/") && id.count == 36)
            #expect(id.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
            #expect(created.json["done"] == nil, "no done key while pending")
            #expect(metadata(created.json)["state"] as? String == "BATCH_STATE_PENDING")
            let stats = try #require(metadata(created.json)["batchStats"] as? [String: Any])
            #expect(stats["requestCount"] as? String == "2")
            #expect(stats["pendingRequestCount"] as? String == "2")
            #expect(stats["successfulRequestCount"] == nil, "zero counts are omitted")

            let running = try await http.send("GET", "/v1beta/" + name).json
            #expect(metadata(running)["state"] as? String == "BATCH_STATE_RUNNING")
            #expect(running["done"] == nil)
            #expect(metadata(running)["output"] == nil)

            let done = try await http.send("GET", "/v1beta/" + name).json
            #expect(metadata(done)["state"] as? String == "BATCH_STATE_SUCCEEDED")
            #expect(done["done"] as? Bool == true)
            let doneStats = try #require(metadata(done)["batchStats"] as? [String: Any])
            #expect(doneStats["successfulRequestCount"] as? String == "2")
            #expect(doneStats["pendingRequestCount"] == nil)
            #expect(metadata(done)["endTime"] is String)

            let fromMetadata = inlineItems(metadata(done)["output"])
            let fromResponse = inlineItems(done["response"])
            #expect(fromMetadata.count == 2)
            #expect(fromResponse.count == 2, "output appears under top-level response as well")
            #expect((done["response"] as? [String: Any])?["@type"] is String)
            for (index, item) in fromMetadata.enumerated() {
                #expect((item["metadata"] as? [String: Any])?["key"] as? String == "req-\(index + 1)")
                let image = try #require(imagePart(item["response"] as? [String: Any]))
                #expect(image.mime == "image/png")
                let size = try #require(pngSize(image.bytes))
                #expect(size.width == 48 && size.height == 32)
            }
            let first = try #require(imagePart(fromMetadata[0]["response"] as? [String: Any]))
            let second = try #require(imagePart(fromMetadata[1]["response"] as? [String: Any]))
            #expect(first.bytes != second.bytes, "different prompts draw different pictures")
        }
    }

    @Test func imagesAreDeterministicForTheSameSeed() async throws {
        func image() async throws -> Data {
            try await withEmulator { http, _ in
                let name = try await http.createBatch(["a lighthouse at dusk"])
                let done = try await http.pollUntilDone(name)
                return try #require(imagePart(inlineItems(done["response"]).first?["response"] as? [String: Any])).bytes
            }
        }
        let first = try await image()
        let second = try await image()
        #expect(first == second)
    }

    @Test func bothVersionPrefixesAndBothBodySpellingsWork() async throws {
        try await withEmulator { http, _ in
            let viaV1 = try await http.createBatch(["v1 prompt"], prefix: "/v1")
            #expect(try await http.send("GET", "/v1beta/" + viaV1).status == 200)
            #expect(try await http.send("GET", "/v1/" + viaV1).status == 200)
            let snake = try await http.json("POST", createPath, createBody(["snake"], displayName: "snake-job", snakeCase: true))
            #expect(snake.status == 200)
            #expect(metadata(snake.json)["displayName"] as? String == "snake-job")
            #expect(try await http.send("GET", "/v2/" + viaV1).status == 404)
        }
    }

    @Test func secondsUntilDoneFinishesWithoutPolls() async throws {
        try await withEmulator({ $0.pollsUntilDone = nil; $0.pollsUntilRunning = nil; $0.secondsUntilDone = 0.3 }) { http, _ in
            let name = try await http.createBatch(["timed"])
            let deadline = Date().addingTimeInterval(10)
            var state = ""
            while Date() < deadline {
                state = metadata(try await http.send("GET", "/v1beta/" + name).json)["state"] as? String ?? ""
                if state == "BATCH_STATE_SUCCEEDED" { break }
            }
            #expect(state == "BATCH_STATE_SUCCEEDED")
        }
    }

    @Test func listPagesWithPageSizeAndToken() async throws {
        try await withEmulator { http, _ in
            var created: [String] = []
            for index in 0..<5 { created.append(try await http.createBatch(["list \(index)"])) }
            let pages = try await http.pages("/v1beta/batches?pageSize=2", field: "operations")
            #expect(pages.count == 3)
            #expect(pages.allSatisfy { $0.count <= 2 })
            #expect(pages.joined().allSatisfy { metadata($0)["output"] == nil })
            #expect(pages.joined().compactMap { $0["name"] as? String } == created)
            #expect(try await http.send("GET", "/v1beta/batches?pageToken=garbage").status == 400)
        }
    }

    @Test func cancelDeleteAndUnknownBatches() async throws {
        try await withEmulator { http, _ in
            let name = try await http.createBatch(["to cancel"])
            let cancelled = try await http.send("POST", "/v1beta/\(name):cancel")
            #expect(cancelled.status == 200)
            let afterCancel = try await http.send("GET", "/v1beta/" + name).json
            #expect(metadata(afterCancel)["state"] as? String == "BATCH_STATE_CANCELLED")
            #expect(afterCancel["done"] as? Bool == true)

            #expect(try await http.send("DELETE", "/v1beta/" + name).status == 200)
            let missing = try await http.send("GET", "/v1beta/" + name)
            #expect(missing.status == 404)
            let error = try #require(missing.json["error"] as? [String: Any])
            #expect(error["code"] as? Int == 404 && error["status"] as? String == "NOT_FOUND")
            #expect(error["message"] is String)
            let list = try await http.send("GET", "/v1beta/batches").json
            #expect((list["operations"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await http.send("POST", "/v1beta/batches/nosuchbatch:cancel").status == 404)
            #expect(try await http.send("DELETE", "/v1beta/batches/nosuchbatch").status == 404)
        }
    }

    @Test func badCreateBodiesGetInvalidArgumentNamingTheField() async throws {
        try await withEmulator { http, _ in
            let notJSON = try await http.send("POST", createPath, body: Data("{oops".utf8))
            #expect(notJSON.status == 400)
            #expect((notJSON.json["error"] as? [String: Any])?["status"] as? String == "INVALID_ARGUMENT")
            let noRequests = try await http.json("POST", createPath, ["batch": ["inputConfig": [:]]])
            #expect(noRequests.status == 400)
            let message = (noRequests.json["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains("input_config"))
        }
    }
}
