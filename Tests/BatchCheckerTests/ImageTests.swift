import Foundation
import Testing
import ImageConversion
import OrderedJSON

/// What a retrieval writes, checked by decoding it again: sizes, alpha, and a bad item that fails alone.
@Suite struct ImageTests {
    @Test func webpKeepsSizeAndAlphaAndACorruptItemFailsAlone() async throws {
        try await withCheckerSetup("images", emulatorArguments: ["--image-size", "48x40", "--polls-until-done", "1"]) { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let submitted = try await workspace.run([
                "submit", "--prompt", "an opaque frog", "--prompt", "a glass frog [emu:alpha]",
                "--prompt", "a broken frog [emu:corrupt]", "--prompt", "a photo frog [emu:jpeg]",
                "--title", "Frogs", "--webp-quality", "90",
            ])
            #expect(submitted.status == 0, "\(submitted.summary)")
            let jobID = submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)

            var shown = JSONObject()
            for _ in 0..<10 {
                let check = try await workspace.run(["check"])
                #expect(check.status == 0, "\(check.summary)")
                let show = try await workspace.run(["show", jobID, "--json"])
                shown = try JSONValue.parse(Data(show.stdout.utf8)).objectValue ?? JSONObject()
                if shown["status"]?.stringValue != "pending" { break }
            }
            #expect(shown["status"]?.stringValue == "completed", "\(shown)")
            #expect(shown["images_done"]?.numberValue?.intValue == 3)
            #expect(shown["images_failed"]?.numberValue?.intValue == 1)
            #expect(shown["last_error"]?.stringValue?.contains("1 of 4") == true, "\(shown["last_error"] ?? .null)")

            let images = (shown["images"]?.arrayValue ?? []).compactMap(\.objectValue)
            let byIndex = Dictionary(images.map { ($0["index"]?.numberValue?.intValue ?? -1, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byIndex.count == 4)

            // The corrupt item: failed, with the reason, and nothing on disk for it.
            let broken = try #require(byIndex[2])
            #expect(broken["state"]?.stringValue == "failed")
            #expect(broken["error"]?.stringValue?.lowercased().contains("corrupt") == true, "\(broken)")
            #expect(broken["original_path"]?.isNull ?? true)
            #expect(workspace.files(in: workspace.originalFolder).count == 3)
            #expect(workspace.files(in: workspace.webpFolder).count == 3)

            for index in [0, 1, 3] {
                let image = try #require(byIndex[index])
                #expect(image["state"]?.stringValue == "done")
                let originalPath = try #require(image["original_path"]?.stringValue)
                let webpPath = try #require(image["webp_path"]?.stringValue)
                let original = try ImageDecoder.decode(try Data(contentsOf: URL(fileURLWithPath: originalPath)))
                let webpBytes = try Data(contentsOf: URL(fileURLWithPath: webpPath))
                let webp = try WebPDecoder.decodeRGBA(webpBytes)
                #expect((webp.width, webp.height) == (48, 40), "webp \(webp.width)x\(webp.height)")
                #expect((original.width, original.height) == (webp.width, webp.height))
                let info = try WebPDecoder.info(webpBytes)
                if index == 1 {
                    #expect(original.channels == 4, "the emulator sent an RGBA PNG")
                    #expect(info.hasAlpha)
                    // The fade runs from opaque at the left edge to clear at the right one.
                    let row = 20
                    let left = webp.pixels[(row * webp.width) * 4 + 3]
                    let right = webp.pixels[(row * webp.width + webp.width - 1) * 4 + 3]
                    #expect(left > 240 && right < 15, "alpha left \(left), right \(right)")
                } else {
                    #expect(!info.hasAlpha, "an opaque source stays opaque")
                }
            }
            #expect(byIndex[3]?["mime_type"]?.stringValue == "image/jpeg")
            #expect(byIndex[3]?["original_path"]?.stringValue?.hasSuffix(".jpg") == true)

            // The WebP sidecar carries the job's WebP quality.
            let webpSidecarPath = try #require(byIndex[0]?["webp_sidecar_path"]?.stringValue)
            let sidecar = try workspace.jsonObject(at: URL(fileURLWithPath: webpSidecarPath))
            #expect(sidecar["quality"] as? Int == 90)
            #expect(sidecar["title"] as? String == "Frogs")
            #expect(sidecar["prompt"] as? String == "an opaque frog")
        }
    }
}
