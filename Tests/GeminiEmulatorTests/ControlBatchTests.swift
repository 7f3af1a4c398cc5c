import Foundation
import Testing
@testable import GeminiEmulator

@Suite struct ControlBatchTests {
    @Test func controlCreatesBatchesInAChosenStateThatStay() async throws {
        try await withEmulator { http, _ in
            let running = try await http.json("POST", "/_emulator/batches", ["state": "RUNNING", "items": 4, "displayName": "held"])
            let name = try #require(running.json["name"] as? String)
            for _ in 0..<5 { _ = try await http.send("GET", "/v1beta/" + name) }
            let later = try await http.send("GET", "/v1beta/" + name).json
            #expect(metadata(later)["state"] as? String == "BATCH_STATE_RUNNING")
            #expect((metadata(later)["batchStats"] as? [String: Any])?["requestCount"] as? String == "4")

            let succeeded = try await http.json("POST", "/_emulator/batches", ["state": "SUCCEEDED", "items": 2, "imageSize": "20x10"])
            let items = inlineItems(succeeded.json["response"])
            #expect(items.count == 2)
            let size = try #require(imagePart(items.first?["response"] as? [String: Any]).flatMap { pngSize($0.bytes) })
            #expect(size.width == 20 && size.height == 10)

            let failed = try await http.json("POST", "/_emulator/batches", ["state": "JOB_STATE_FAILED"])
            #expect(failed.json["error"] != nil && failed.json["done"] as? Bool == true)
            #expect(try await http.json("POST", "/_emulator/batches", ["state": "SLEEPING"]).status == 400)
        }
    }

    @Test func liveConfigChangesProgressionAndImageSize() async throws {
        try await withEmulator { http, _ in
            let changed = try await http.json("POST", "/_emulator/config",
                                              ["pollsUntilDone": 1, "imageSize": "8x6", "latencyMs": 0])
            #expect(changed.status == 200)
            let done = try await http.send("GET", "/v1beta/" + (try await http.createBatch(["quick"]))).json
            #expect(done["done"] as? Bool == true)
            let image = try #require(imagePart(inlineItems(done["response"]).first?["response"] as? [String: Any]))
            #expect(pngSize(image.bytes).map { [$0.width, $0.height] } == [8, 6])
            #expect(try await http.json("POST", "/_emulator/config", ["faults": "429,lightning"]).status == 400)
        }
    }

    @Test func photoStyleImagesCarryGrainThatSmoothOnesDoNot() async throws {
        try await withEmulator { http, _ in
            func pngBytes() async throws -> Data {
                let batch = try await http.json("POST", "/_emulator/batches", ["state": "SUCCEEDED", "imageSize": "128x128"])
                return try #require(imagePart(inlineItems(batch.json["response"]).first?["response"] as? [String: Any])).bytes
            }
            let smooth = try await pngBytes()
            #expect(try await http.json("POST", "/_emulator/config", ["imageStyle": "photo"]).status == 200)
            let photo = try await pngBytes()
            #expect(pngSize(photo).map { [$0.width, $0.height] } == [128, 128])
            // Grain is incompressible: a photo-style PNG is several times the size of the smooth one.
            #expect(photo.count > smooth.count * 4, "photo \(photo.count) bytes, smooth \(smooth.count) bytes")
            #expect(try await http.json("POST", "/_emulator/config", ["imageStyle": "oil-painting"]).status == 400)
        }
    }

    @Test func photoStyleIsDeterministic() {
        let first = ImageRenderer.rgbPixels(prompt: "a pier", key: "k", seed: 7, width: 32, height: 16, style: .photo)
        let again = ImageRenderer.rgbPixels(prompt: "a pier", key: "k", seed: 7, width: 32, height: 16, style: .photo)
        let smooth = ImageRenderer.rgbPixels(prompt: "a pier", key: "k", seed: 7, width: 32, height: 16)
        #expect(first == again)
        #expect(first != smooth && first.count == 32 * 16 * 3)
    }
}
