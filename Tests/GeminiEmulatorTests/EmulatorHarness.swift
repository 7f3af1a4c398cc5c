import Foundation
@testable import GeminiEmulator

/// Starts an in-process emulator on an ephemeral loopback port, hands a client to the test body, and
/// always stops the server afterwards.
func withEmulator<T>(_ configure: (inout EmulatorConfiguration) -> Void = { _ in },
                     _ body: (LoopbackHTTP, EmulatorServer) async throws -> T) async throws -> T {
    var configuration = EmulatorConfiguration(apiKey: "test-key")
    configuration.imageWidth = 48
    configuration.imageHeight = 32
    configuration.pollsUntilRunning = 1
    configuration.pollsUntilDone = 2
    configure(&configuration)
    let server = EmulatorServer(configuration: configuration)
    let port = try await server.start()
    do {
        let result = try await body(LoopbackHTTP(port: port), server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// An inline create body in the SDK's camelCase form (or the docs' snake_case form).
func createBody(_ prompts: [String], displayName: String = "test-job", snakeCase: Bool = false) -> [String: Any] {
    let requests: [[String: Any]] = prompts.enumerated().map { index, prompt in
        ["request": ["contents": [["role": "user", "parts": [["text": prompt]]]],
                     "generationConfig": ["responseModalities": ["TEXT", "IMAGE"]]],
         "metadata": ["key": "req-\(index + 1)"]]
    }
    if snakeCase {
        return ["batch": ["display_name": displayName, "input_config": ["requests": ["requests": requests]]]]
    }
    return ["batch": ["displayName": displayName, "inputConfig": ["requests": ["requests": requests]]]]
}

let createPath = "/v1beta/models/gemini-2.5-flash-image:batchGenerateContent"

extension LoopbackHTTP {
    /// Creates a batch and returns its name (`batches/<id>`).
    func createBatch(_ prompts: [String], prefix: String = "/v1beta") async throws -> String {
        let response = try await json("POST", prefix + "/models/gemini-2.5-flash-image:batchGenerateContent",
                                      createBody(prompts))
        guard response.status == 200, let name = response.json["name"] as? String else {
            throw LoopbackHTTP.Failure.socket("create failed: \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
        return name
    }

    /// GETs the batch until `done` (bounded), returning the final Operation.
    func pollUntilDone(_ name: String, maxPolls: Int = 20) async throws -> [String: Any] {
        for _ in 0..<maxPolls {
            let operation = try await send("GET", "/v1beta/" + name).json
            if operation["done"] as? Bool == true { return operation }
        }
        throw LoopbackHTTP.Failure.socket("\(name) not done after \(maxPolls) polls")
    }

    func stats() async throws -> EmulatorStats {
        try JSONDecoder().decode(EmulatorStats.self, from: try await send("GET", "/_emulator/stats").body)
    }
}

func metadata(_ operation: [String: Any]) -> [String: Any] { operation["metadata"] as? [String: Any] ?? [:] }

func inlineItems(_ container: Any?) -> [[String: Any]] {
    ((container as? [String: Any])?["inlinedResponses"] as? [String: Any])?["inlinedResponses"] as? [[String: Any]] ?? []
}

/// The parts of an item's first candidate.
func parts(_ response: [String: Any]?) -> [[String: Any]] {
    let candidates = response?["candidates"] as? [[String: Any]]
    return (candidates?.first?["content"] as? [String: Any])?["parts"] as? [[String: Any]] ?? []
}

/// The decoded bytes and MIME type of the first inlineData part.
func imagePart(_ response: [String: Any]?) -> (mime: String, bytes: Data)? {
    for part in parts(response) {
        if let inline = part["inlineData"] as? [String: Any], let mime = inline["mimeType"] as? String,
           let text = inline["data"] as? String, let bytes = Data(base64Encoded: text) {
            return (mime, bytes)
        }
    }
    return nil
}

/// Width and height from a PNG's IHDR chunk, nil when the bytes are not a PNG.
func pngSize(_ bytes: Data) -> (width: Int, height: Int)? {
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    let raw = [UInt8](bytes)
    guard raw.count > 24, Array(raw[0..<8]) == signature, Array(raw[12..<16]) == Array("IHDR".utf8) else { return nil }
    let be = { (offset: Int) in raw[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
    return (be(16), be(20))
}
