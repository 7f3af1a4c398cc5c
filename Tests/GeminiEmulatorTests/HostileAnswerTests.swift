import Foundation
import ImageConversion
import Testing
@testable import GeminiEmulator

/// The hostile answers issue 13's tests need, each behind an explicit marker or option.
@Suite struct HostileAnswerTests {
    @Test func errorsCanQuoteTheKeyTheRequestCarried() async throws {
        try await withEmulator { http, _ in
            let done = try await http.pollUntilDone(try await http.createBatch(["fine", "leaky [emu:quote-key]"]))
            let items = inlineItems(done["response"])
            let message = try #require((items[1]["error"] as? [String: Any])?["message"] as? String)
            #expect(message.contains("test-key"))
            #expect(items[0]["response"] != nil)
            let failed = try await http.pollUntilDone(try await http.createBatch(["x [emu:batch-failed] [emu:quote-key]"]))
            #expect(metadata(failed)["state"] as? String == "BATCH_STATE_FAILED")
            let batchMessage = try #require((failed["error"] as? [String: Any])?["message"] as? String)
            #expect(batchMessage.contains("test-key"))
            // A control-made batch quotes the accepted key.
            let control = try await http.json("POST", "/_emulator/batches", ["prompts": ["ok", "leaky [emu:quote-key]"]])
            let controlItems = inlineItems(control.json["response"])
            #expect(controlItems.count == 2 && controlItems[0]["response"] != nil)
            let controlMessage = try #require((controlItems[1]["error"] as? [String: Any])?["message"] as? String)
            #expect(controlMessage.contains("test-key"))
        }
    }

    @Test func controlCharactersReachAnErrorMessageAndTheEchoedKey() async throws {
        let control = "\u{1B}[2J\u{07}\r\n[2026-01-01 00:00:00] [INFO] forged"
        try await withEmulator { http, _ in
            let done = try await http.pollUntilDone(try await http.createBatch(["ok", "evil [emu:control-chars]"]))
            let item = inlineItems(done["response"])[1]
            let message = try #require((item["error"] as? [String: Any])?["message"] as? String)
            #expect(message.hasSuffix(control))
            #expect((item["metadata"] as? [String: Any])?["key"] as? String == "req-2" + control)
            let raw = try await http.send("GET", "/v1beta/" + (done["name"] as? String ?? "")).body
            #expect(!raw.contains(0x1B), "on the wire the characters are JSON escapes, as the service sends them")
        }
        try await withEmulator({ $0.forceResponsesFile = true }) { http, _ in
            let done = try await http.pollUntilDone(try await http.createBatch(["evil [emu:control-chars]"]))
            let file = try #require((metadata(done)["output"] as? [String: Any])?["responsesFile"] as? String)
            let line = try JSONSerialization.jsonObject(with: try await http.send("GET", "/v1beta/\(file):download?alt=media").body)
            #expect((line as? [String: Any])?["key"] as? String == "req-1" + control)
        }
    }

    @Test func statusAnswersCanBePaddedToAnySizeAsValidJSON() async throws {
        try await withEmulator({ $0.pollsUntilDone = 1000 }) { http, _ in
            let name = try await http.createBatch(["padded [emu:status-padding-3000000]"])
            let padded = try await http.send("GET", "/v1beta/" + name)
            #expect(padded.status == 200 && padded.body.count == 3_000_000)
            #expect(padded.json["name"] as? String == name, "still a valid Operation")
            #expect(metadata(padded.json)["state"] as? String == "BATCH_STATE_RUNNING")
            let plain = try await http.createBatch(["not padded"])
            #expect(try await http.send("GET", "/v1beta/" + plain).body.count < 2000)

            #expect(try await http.json("POST", "/_emulator/config", ["statusPaddingBytes": 200 * 1024 * 1024]).status == 200)
            let huge = try await http.send("GET", "/v1beta/" + plain, keepingAtMost: 4096)
            #expect(huge.status == 200 && huge.bodyLength == 200 * 1024 * 1024)
            #expect(huge.body.starts(with: Data("{\"name\":\"\(plain)\"".utf8)))
            let held = try await http.json("POST", "/_emulator/batches", ["state": "RUNNING", "statusPaddingBytes": 5000])
            #expect(held.body.count == 5000)
        }
    }

    @Test func anOversizedImageIsAValidFlatPNGBuiltWithoutARaster() async throws {
        try await withEmulator { http, _ in
            let done = try await http.pollUntilDone(try await http.createBatch(["small flat [emu:image-700x300]"]))
            let image = try #require(imagePart(firstResponse(done)))
            #expect(pngSize(image.bytes).map { [$0.width, $0.height] } == [700, 300])
            let decoded = try ImageDecoder.decode(image.bytes)
            #expect(decoded.width == 700 && decoded.height == 300)
            let pixels = decoded.pixels
            let first = Array(pixels.prefix(decoded.channels))
            #expect(stride(from: 0, to: pixels.count, by: decoded.channels).allSatisfy {
                Array(pixels[$0..<($0 + decoded.channels)]) == first
            }, "one flat colour")
            #expect(!imageParts(firstResponse(done), thought: true).isEmpty, "drafts stay small and normal")
        }
        let big = FlatPNG.encode(width: 16384, height: 16384, red: 1, green: 2, blue: 3)
        #expect(pngSize(big).map { [$0.width, $0.height] } == [16384, 16384])
        #expect(big.count < 8 * 1024 * 1024, "\(big.count) bytes")
    }

    @Test func aHangingServerAcceptsAndNeverAnswers() async throws {
        try await withEmulator({ $0.hangMilliseconds = 300 }) { http, _ in
            let clock = ContinuousClock()
            let start = clock.now
            await #expect(throws: LoopbackHTTP.Failure.closedWithoutResponse) {
                _ = try await http.send("GET", "/v1beta/batches")
            }
            #expect(clock.now - start >= .milliseconds(300))
            let stats = try await http.stats()
            #expect(stats.hungRequests == 1, "control requests still answer")
        }
        try await withEmulator { http, _ in
            let stuck = try await http.createBatch(["stuck [emu:hang-400]"])
            let fine = try await http.createBatch(["fine"])
            let clock = ContinuousClock()
            let start = clock.now
            let hanging = Task { () -> Bool in
                do {
                    _ = try await http.send("GET", "/v1beta/" + stuck)
                    return false
                } catch LoopbackHTTP.Failure.closedWithoutResponse {
                    return true
                }
            }
            #expect(try await http.send("GET", "/v1beta/" + fine).status == 200, "other batches answer meanwhile")
            #expect(try await hanging.value, "the marked batch's GET got no answer")
            #expect(clock.now - start >= .milliseconds(400))
        }
    }
}
