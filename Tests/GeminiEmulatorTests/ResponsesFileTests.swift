import Foundation
import Testing
@testable import GeminiEmulator

@Suite struct ResponsesFileTests {
    @Test func batchesAboveTheInlineLimitGetADownloadableJSONLFile() async throws {
        try await withEmulator({ $0.inlineItemLimit = 3 }) { http, _ in
            let prompts = (1...5).map { "file prompt \($0)" } + ["broken [emu:item-error]"]
            let name = try await http.createBatch(prompts)
            let done = try await http.pollUntilDone(name)
            let fileName = try #require((metadata(done)["output"] as? [String: Any])?["responsesFile"] as? String)
            #expect((done["response"] as? [String: Any])?["responsesFile"] as? String == fileName)
            #expect(fileName.hasPrefix("files/"))
            let batchStats = metadata(done)["batchStats"] as? [String: Any]
            #expect(batchStats?["successfulRequestCount"] as? String == "5")
            #expect(batchStats?["failedRequestCount"] as? String == "1")

            let withPrefix = try await http.send("GET", "/download/v1beta/\(fileName):download?alt=media")
            let withoutPrefix = try await http.send("GET", "/v1/\(fileName):download?alt=media")
            #expect(withPrefix.status == 200 && withoutPrefix.status == 200)
            #expect(withPrefix.body == withoutPrefix.body)
            let lines = withPrefix.body.split(separator: 0x0A).map {
                (try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any] ?? [:]
            }
            #expect(lines.count == 6)
            #expect(lines.map { $0["key"] as? String } == (1...6).map { "req-\($0)" })
            for line in lines.prefix(5) {
                let image = try #require(imagePart(line["response"] as? [String: Any]))
                #expect(pngSize(image.bytes).map { [$0.width, $0.height] } == [48, 32])
            }
            #expect((lines[5]["error"] as? [String: Any])?["code"] as? Int == 3)
            #expect(lines[5]["response"] == nil)

            #expect(try await http.stats().batches[name]?.downloads == 2)
            #expect(try await http.send("GET", "/v1beta/files/batch-nope:download?alt=media").status == 404)
            #expect(try await http.send("DELETE", "/v1beta/" + name).status == 200)
            #expect(try await http.send("GET", "/v1beta/\(fileName):download?alt=media").status == 404,
                    "deleting a batch removes its responses file")
        }
    }

    @Test func syntheticResponsesFileOfARequestedSizeStreamsValidLines() async throws {
        try await withEmulator { http, _ in
            let target = 3 * 1024 * 1024
            let created = try await http.json("POST", "/_emulator/batches",
                                              ["state": "SUCCEEDED", "responsesFileBytes": target, "imageSize": "16x16"])
            #expect(created.status == 200)
            #expect(created.json["done"] as? Bool == true)
            let fileName = try #require((metadata(created.json)["output"] as? [String: Any])?["responsesFile"] as? String)
            let count = Int((metadata(created.json)["batchStats"] as? [String: Any])?["requestCount"] as? String ?? "")
            let download = try await http.send("GET", "/download/v1beta/\(fileName):download?alt=media")
            #expect(download.body.count >= target)
            let lines = download.body.split(separator: 0x0A)
            #expect(lines.count == count)
            let keys = Set(lines.map { ((try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any])?["key"] as? String ?? "" })
            #expect(keys.count == lines.count, "every line parses and has its own key")
        }
    }
}
