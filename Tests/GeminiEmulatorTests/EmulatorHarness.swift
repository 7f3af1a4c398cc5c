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

/// A live model of the emulator's catalogue (a Gemini 3 one: answers carry thought parts).
let liveModel = "gemini-3-pro-image"
let createPath = "/v1beta/models/\(liveModel):batchGenerateContent"

extension LoopbackHTTP {
    /// Creates a batch and returns its name (`batches/<id>`).
    func createBatch(_ prompts: [String], prefix: String = "/v1beta") async throws -> String {
        let response = try await json("POST", prefix + "/models/\(liveModel):batchGenerateContent",
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

    /// Every page of a list call (`path` already has `?pageSize=`), following `nextPageToken` (bounded):
    /// the entries under `field` of each page, in order.
    func pages(_ path: String, field: String, maxPages: Int = 10) async throws -> [[[String: Any]]] {
        var pages: [[[String: Any]]] = []
        var token: String?
        repeat {
            var url = path
            if let token { url += "&pageToken=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token) }
            let page = try await send("GET", url)
            guard page.status == 200, let entries = page.json[field] as? [[String: Any]] else {
                throw LoopbackHTTP.Failure.socket("GET \(url): \(page.status), no '\(field)'")
            }
            pages.append(entries)
            token = page.json["nextPageToken"] as? String
        } while token != nil && pages.count < maxPages
        return pages
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

/// The decoded bytes and MIME type of the first final (non-thought) inlineData part: the result a client
/// must keep.
func imagePart(_ response: [String: Any]?) -> (mime: String, bytes: Data)? {
    imageParts(response, thought: false).first
}

/// The decoded inlineData parts that are (or are not) marked `thought: true`, in order.
func imageParts(_ response: [String: Any]?, thought: Bool) -> [(mime: String, bytes: Data)] {
    parts(response).compactMap { part in
        guard (part["thought"] as? Bool ?? false) == thought, let inline = part["inlineData"] as? [String: Any],
              let mime = inline["mimeType"] as? String, let text = inline["data"] as? String,
              let bytes = Data(base64Encoded: text) else { return nil }
        return (mime, bytes)
    }
}

/// The first inline item of a finished batch's top-level `response`.
func firstResponse(_ operation: [String: Any]) -> [String: Any]? {
    inlineItems(operation["response"]).first?["response"] as? [String: Any]
}

/// Width and height from a PNG's IHDR chunk, nil when the bytes are not a PNG.
func pngSize(_ bytes: Data) -> (width: Int, height: Int)? {
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    let raw = [UInt8](bytes)
    guard raw.count > 24, Array(raw[0..<8]) == signature, Array(raw[12..<16]) == Array("IHDR".utf8) else { return nil }
    let be = { (offset: Int) in raw[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
    return (be(16), be(20))
}

/// One inline request with reference images (inlineData parts before the text), a generationConfig and
/// any other request fields.
func inlineRequest(_ prompt: String, key: String, generationConfig: [String: Any] = ["responseModalities": ["TEXT", "IMAGE"]],
                   images: [Data] = [], extra: [String: Any] = [:]) -> [String: Any] {
    let imageParts: [[String: Any]] = images.map { ["inlineData": ["mimeType": "image/png", "data": $0.base64EncodedString()]] }
    var request: [String: Any] = ["contents": [["role": "user", "parts": imageParts + [["text": prompt]]]],
                                  "generationConfig": generationConfig]
    for (name, value) in extra { request[name] = value }
    return ["request": request, "metadata": ["key": key]]
}

/// A create body of the given inline requests.
func createBody(requests: [[String: Any]]) -> [String: Any] {
    ["batch": ["displayName": "rules", "inputConfig": ["requests": ["requests": requests]]]]
}
