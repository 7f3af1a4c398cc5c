import Foundation
import Testing
@testable import GeminiEmulator

/// Inline input gets inline output however big (section 12, row 7), streamed from one file written at
/// completion; responses files only when asked; output that lags the state (row 8); `status` lines (row 9);
/// a JPEG declared PNG (row 5).
@Suite struct InlineOutputTests {
    @Test func aLargeBatchStaysInlineAndEveryGetStreamsTheSameBody() async throws {
        try await withEmulator({ $0.imageWidth = 240; $0.imageHeight = 180; $0.imageStyle = .photo }) { http, _ in
            let prompts = (1...40).map { "inline item \($0)" }
            let name = try await http.createBatch(prompts)
            let done = try await http.pollUntilDone(name)
            #expect(inlineItems(metadata(done)["output"]).count == 40)
            #expect(inlineItems(done["response"]).count == 40, "the items appear twice")
            #expect((metadata(done)["output"] as? [String: Any])?["responsesFile"] == nil)
            let keys = inlineItems(done["response"]).map { ($0["metadata"] as? [String: Any])?["key"] as? String }
            #expect(keys == (1...40).map { "req-\($0)" })
            let first = try await http.send("GET", "/v1beta/" + name)
            let second = try await http.send("GET", "/v1/" + name)
            #expect(first.body == second.body)
            #expect(first.body.count > 8 * 1024 * 1024, "past the old 8 MB switch: \(first.body.count) bytes")
            #expect(first.headers["content-length"] == String(first.body.count))
        }
    }

    @Test func responsesFilesComeOnlyWhenForced() async throws {
        try await withEmulator { http, _ in
            func fileName(_ done: [String: Any]) -> String? {
                (metadata(done)["output"] as? [String: Any])?["responsesFile"] as? String
            }
            let marked = try await http.pollUntilDone(try await http.createBatch(["a", "b [emu:responses-file]"]))
            let file = try #require(fileName(marked))
            let lines = try await http.send("GET", "/v1beta/\(file):download?alt=media").body.split(separator: 0x0A)
            #expect(lines.count == 2)
            #expect(fileName(try await http.pollUntilDone(try await http.createBatch(["c"]))) == nil)
            #expect(try await http.json("POST", "/_emulator/config", ["responsesFile": true]).status == 200)
            #expect(fileName(try await http.pollUntilDone(try await http.createBatch(["d"]))) != nil)
            let control = try await http.json("POST", "/_emulator/batches", ["items": 2, "output": "file"])
            #expect(fileName(control.json) != nil)
        }
        try await withEmulator({ $0.inlineByteLimit = 1000 }) { http, _ in
            let done = try await http.pollUntilDone(try await http.createBatch(["over the byte limit"]))
            #expect((metadata(done)["output"] as? [String: Any])?["responsesFile"] is String, "the old byte switch, when asked")
        }
    }

    @Test func outputCanLagTheSucceededState() async throws {
        try await withEmulator { http, _ in
            let name = try await http.createBatch(["slow output [emu:output-lag-3]"])
            var seen: [Bool] = []
            for _ in 0..<6 {
                let operation = try await http.send("GET", "/v1beta/" + name).json
                guard operation["done"] as? Bool == true else { continue }
                #expect(metadata(operation)["state"] as? String == "BATCH_STATE_SUCCEEDED")
                seen.append(operation["response"] != nil || metadata(operation)["output"] != nil)
            }
            #expect(seen == [false, false, false, true, true])
            let control = try await http.json("POST", "/_emulator/batches", ["items": 1, "outputLagPolls": 1])
            let controlName = try #require(control.json["name"] as? String)
            #expect(control.json["response"] == nil)
            #expect(try await http.send("GET", "/v1beta/" + controlName).json["response"] == nil)
            #expect(try await http.send("GET", "/v1beta/" + controlName).json["response"] != nil)
        }
        try await withEmulator({ $0.outputLagPolls = 1 }) { http, _ in
            let name = try await http.createBatch(["lag from the settings"])
            let firstDone = try await http.pollUntilDone(name)
            #expect(firstDone["response"] == nil)
            #expect(try await http.send("GET", "/v1beta/" + name).json["response"] != nil)
        }
    }

    @Test func failedLinesCanReadStatusAndAJPEGCanBeDeclaredPNG() async throws {
        try await withEmulator({ $0.forceResponsesFile = true }) { http, _ in
            let done = try await http.pollUntilDone(try await http.createBatch([
                "ok [emu:mislabelled-jpeg]", "bad [emu:item-error]", "worse [emu:item-error] [emu:status-line]",
            ]))
            let file = try #require((metadata(done)["output"] as? [String: Any])?["responsesFile"] as? String)
            let lines = try await http.send("GET", "/v1beta/\(file):download?alt=media").body.split(separator: 0x0A).map {
                (try? JSONSerialization.jsonObject(with: Data($0))) as? [String: Any] ?? [:]
            }
            try #require(lines.count == 3)
            let image = try #require(imagePart(lines[0]["response"] as? [String: Any]))
            #expect(image.mime == "image/png")
            #expect(Array(image.bytes.prefix(3)) == [0xFF, 0xD8, 0xFF], "JPEG bytes under a PNG label")
            #expect(lines[1]["error"] != nil && lines[1]["status"] == nil)
            #expect((lines[2]["status"] as? [String: Any])?["message"] is String && lines[2]["error"] == nil)
        }
        try await withEmulator({ $0.forceResponsesFile = true; $0.statusFileLines = true }) { http, _ in
            let done = try await http.pollUntilDone(try await http.createBatch(["bad [emu:item-error]"]))
            let file = try #require((metadata(done)["output"] as? [String: Any])?["responsesFile"] as? String)
            let line = try await http.send("GET", "/v1beta/\(file):download?alt=media").body
            #expect((try JSONSerialization.jsonObject(with: line) as? [String: Any])?["status"] != nil)
        }
    }
}
