import Foundation
import Testing
@testable import GeminiEmulator

@Suite struct ScriptedOutcomeTests {
    @Test func markersParseInOrderAndIgnoreUnknownNames() {
        #expect(ScriptedOutcome.fromMarkers(in: "cat [emu:jpeg] and [emu:nope] [emu:blocked]") == [.jpeg, .blocked])
        #expect(ScriptedOutcome.fromMarkers(in: "no markers [emu:jpeg") == [])
    }

    @Test func itemMarkersShapeEachResponse() async throws {
        try await withEmulator { http, _ in
            let name = try await http.createBatch([
                "plain", "err [emu:item-error]", "stop [emu:blocked]", "none [emu:no-image]",
                "filtered [emu:image-safety]", "photo [emu:jpeg]",
            ])
            let done = try await http.pollUntilDone(name)
            #expect(metadata(done)["state"] as? String == "BATCH_STATE_SUCCEEDED")
            let items = inlineItems(done["response"])
            try #require(items.count == 6)

            #expect(imagePart(items[0]["response"] as? [String: Any])?.mime == "image/png")

            let error = try #require(items[1]["error"] as? [String: Any])
            #expect(error["code"] as? Int == 3 && error["message"] is String)
            #expect(items[1]["response"] == nil)
            #expect((items[1]["metadata"] as? [String: Any])?["key"] as? String == "req-2")

            let blocked = try #require(items[2]["response"] as? [String: Any])
            #expect((blocked["promptFeedback"] as? [String: Any])?["blockReason"] as? String == "SAFETY")
            #expect(blocked["candidates"] == nil)

            for (index, reason) in [(3, "NO_IMAGE"), (4, "IMAGE_SAFETY")] {
                let response = items[index]["response"] as? [String: Any]
                let candidate = (response?["candidates"] as? [[String: Any]])?.first
                #expect(candidate?["finishReason"] as? String == reason)
                #expect(imagePart(response)?.mime == nil)
                #expect(parts(response).contains { $0["text"] is String })
            }

            let jpeg = try #require(imagePart(items[5]["response"] as? [String: Any]))
            #expect(jpeg.mime == "image/jpeg")
            #expect(Array(jpeg.bytes.prefix(3)) == [0xFF, 0xD8, 0xFF])

            let stats = metadata(done)["batchStats"] as? [String: Any]
            #expect(stats?["failedRequestCount"] as? String == "1")
            #expect(stats?["successfulRequestCount"] as? String == "5")
        }
    }

    @Test func batchFailedAndExpiredEndTheWholeBatch() async throws {
        try await withEmulator { http, _ in
            let failed = try await http.pollUntilDone(try await http.createBatch(["ok", "boom [emu:batch-failed]"]))
            #expect(metadata(failed)["state"] as? String == "BATCH_STATE_FAILED")
            let error = try #require(failed["error"] as? [String: Any])
            #expect(error["code"] is Int && error["message"] is String)
            #expect(failed["response"] == nil && metadata(failed)["output"] == nil)

            let expired = try await http.pollUntilDone(try await http.createBatch(["late [emu:expired]"]))
            #expect(metadata(expired)["state"] as? String == "BATCH_STATE_EXPIRED")
            #expect(expired["response"] == nil && expired["error"] == nil)
        }
    }

    @Test func controlScriptsAnExactPrompt() async throws {
        try await withEmulator { http, _ in
            let scripted = try await http.json("POST", "/_emulator/script", ["prompt": "a quiet harbour", "outcomes": ["blocked"]])
            #expect(scripted.status == 200)
            let unknown = try await http.json("POST", "/_emulator/script", ["prompt": "x", "outcome": "explode"])
            #expect(unknown.status == 400)
            let done = try await http.pollUntilDone(try await http.createBatch(["a quiet harbour", "a quiet harbour at night"]))
            let items = inlineItems(done["response"])
            #expect(((items[0]["response"] as? [String: Any])?["promptFeedback"]) != nil)
            #expect(imagePart(items[1]["response"] as? [String: Any])?.mime != nil, "only the exact prompt is scripted")
        }
    }
}
