import Digests
import Foundation
import Testing
@testable import GeminiEmulator

/// The Files API as the emulator serves it, over raw loopback HTTP: the resumable upload's start, chunks,
/// query and finalize with the real service's headers and refusals (a wrong offset, a chunk off the granularity,
/// a total that is not the declared size), the stored file's resource, `GET` / `DELETE files/{id}`, and a batch
/// created from the file's JSONL lines.
@Suite struct FilesEndpointTests {
    static let granule = 256 * 1024

    /// A started session: its URL's path and query (what LoopbackHTTP sends), from the start's answer.
    static func start(_ http: LoopbackHTTP, size: Int, name: String? = nil, displayName: String = "upload-test",
                      version: String = "v1beta") async throws -> (path: String, answer: LoopbackHTTP.Response) {
        var file: [String: Any] = ["displayName": displayName]
        if let name { file["name"] = name }
        let answer = try await http.send("POST", "/upload/\(version)/files", body: try JSONSerialization.data(withJSONObject: ["file": file]),
                                         headers: ["X-Goog-Upload-Protocol": "resumable", "X-Goog-Upload-Command": "start",
                                                   "X-Goog-Upload-Header-Content-Length": String(size),
                                                   "X-Goog-Upload-Header-Content-Type": "application/jsonl"])
        let url = answer.headers["x-goog-upload-url"] ?? ""
        let path = url.range(of: "/upload/").map { String(url[$0.lowerBound...]) } ?? url
        return (path, answer)
    }

    static func chunk(_ http: LoopbackHTTP, _ path: String, _ bytes: Data, offset: Int, command: String = "upload") async throws
        -> LoopbackHTTP.Response
    {
        try await http.send("POST", path, body: bytes, headers: ["X-Goog-Upload-Command": command, "X-Goog-Upload-Offset": String(offset)])
    }

    static func bytes(_ count: Int, seed: Int) -> Data { Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed) }) }

    @Test func aResumableUploadStoresTheFileWithTheRealServicesHeaders() async throws {
        try await withEmulator { http, _ in
            let content = Self.bytes(2 * Self.granule + 1000, seed: 7)
            let (path, answer) = try await Self.start(http, size: content.count, name: "files/pfc-endpoint-1")
            #expect(answer.status == 200 && answer.headers["x-goog-upload-status"] == "active")
            #expect(answer.headers["x-goog-upload-chunk-granularity"] == String(Self.granule))
            #expect(path.hasPrefix("/upload/v1beta/files?upload_id=") && !path.contains("test-key"), "\(path)")

            #expect(try await Self.chunk(http, path, content.prefix(Self.granule), offset: 0).headers["x-goog-upload-status"] == "active")
            // The same offset again, or a chunk that is not a whole number of granules: refused, the session kept.
            let repeated = try await Self.chunk(http, path, content.prefix(Self.granule), offset: 0)
            #expect(repeated.status == 400 && repeated.headers["x-goog-upload-status"] == "active")
            #expect(repeated.headers["x-goog-upload-size-received"] == String(Self.granule))
            #expect((repeated.json["error"] as? [String: Any])?["message"] as? String ?? "" != "")
            let ragged = try await Self.chunk(http, path, content[Self.granule..<(Self.granule + 1000)], offset: Self.granule)
            #expect(ragged.status == 400)

            let query = try await http.send("POST", path, headers: ["X-Goog-Upload-Command": "query"])
            #expect(query.status == 200 && query.headers["x-goog-upload-size-received"] == String(Self.granule))
            // Finalizing short of the declared size is refused.
            let short = try await Self.chunk(http, path, content[Self.granule..<(2 * Self.granule)], offset: Self.granule,
                                             command: "upload, finalize")
            #expect(short.status == 400)
            let final = try await Self.chunk(http, path, content[Self.granule...], offset: Self.granule, command: "upload, finalize")
            #expect(final.status == 200 && final.headers["x-goog-upload-status"] == "final")
            let file = try #require(final.json["file"] as? [String: Any])
            #expect(file["name"] as? String == "files/pfc-endpoint-1" && file["sizeBytes"] as? String == String(content.count))
            #expect(file["state"] as? String == "ACTIVE" && file["mimeType"] as? String == "application/jsonl")
            #expect(file["displayName"] as? String == "upload-test" && file["expirationTime"] is String && file["uri"] is String)
            let digest = Data(SHA256.hex(of: content).utf8)
            #expect((try await http.send("GET", "/_emulator/files/pfc-endpoint-1")).json["sha256"] as? String == String(decoding: digest, as: UTF8.self))
            #expect(try await http.send("POST", path, headers: ["X-Goog-Upload-Command": "query"]).headers["x-goog-upload-status"] == "final")

            let fetched = try await http.send("GET", "/v1beta/files/pfc-endpoint-1")
            #expect(fetched.status == 200 && fetched.json["name"] as? String == "files/pfc-endpoint-1")
            #expect(try await Self.start(http, size: 10, name: "files/pfc-endpoint-1").answer.status == 409, "the name is taken")
            #expect(try await http.send("DELETE", "/v1beta/files/pfc-endpoint-1").status == 200)
            #expect(try await http.send("GET", "/v1beta/files/pfc-endpoint-1").status == 404)
            #expect(try await http.send("DELETE", "/v1beta/files/pfc-endpoint-1").status == 404)
            let stats = try await http.stats()
            #expect(stats.uploads.finalized == 1 && stats.uploads.refused >= 4 && stats.uploads.queries == 2, "\(stats.uploads)")
        }
    }

    @Test func theSessionURLIsItsOwnAuthorityButAWrongKeyIsStillRefused() async throws {
        try await withEmulator { http, _ in
            let (path, _) = try await Self.start(http, size: 5)
            var anonymous = http
            anonymous.apiKey = nil
            #expect(try await anonymous.send("POST", "/upload/v1beta/files").status == 403, "a start needs the key")
            var wrong = http
            wrong.apiKey = "not-the-key"
            #expect(try await Self.chunk(wrong, path, Data("hello".utf8), offset: 0, command: "upload, finalize").status == 400)
            let final = try await Self.chunk(anonymous, path, Data("hello".utf8), offset: 0, command: "upload, finalize")
            #expect(final.status == 200 && final.headers["x-goog-upload-status"] == "final", "as Google's SDK sends its chunks")
            let missing = try await Self.start(http, size: 5).answer
            #expect(missing.status == 200)
            let noProtocol = try await http.send("POST", "/upload/v1beta/files", headers: ["X-Goog-Upload-Command": "start"])
            #expect(noProtocol.status == 400)
            #expect(try await Self.chunk(http, "/upload/v1beta/files?upload_id=nope", Data("x".utf8), offset: 0).status == 404)
        }
    }

    @Test func aBatchFromAnUploadedFileReadsItsLinesAsRequests() async throws {
        try await withEmulator { http, _ in
            let image = Self.bytes(40_000, seed: 3)
            let lines = [
                #"{"key":"req_0","request":{"contents":[{"role":"user","parts":[{"inlineData":{"mimeType":"image/png","data":"\#(image.base64EncodedString())"}},{"text":"a heron"}]}],"generationConfig":{"responseModalities":["TEXT","IMAGE"]}}}"#,
                #"{"key":"req_1","request":{"contents":[{"parts":[{"text":"a crane"}]}],"generation_config":{"responseModalities":["TEXT","IMAGE"],"image_config":{"aspect_ratio":"16:9"}}}}"#,
            ]
            let content = Data((lines.joined(separator: "\n") + "\n").utf8)
            let (path, _) = try await Self.start(http, size: content.count, name: "files/pfc-lines")
            #expect(try await Self.chunk(http, path, content, offset: 0, command: "upload, finalize").status == 200)

            let create = try await http.json("POST", createPath, ["batch": ["displayName": "from-file", "inputConfig": ["fileName": "files/pfc-lines"]]])
            #expect(create.status == 200, "\(String(decoding: create.body, as: UTF8.self))")
            let name = try #require(create.json["name"] as? String)
            let record = try await http.send("GET", "/_emulator/" + name).json
            #expect(record["inputFile"] as? String == "files/pfc-lines" && record["requestCount"] as? Int == 2)
            let items = try #require(record["items"] as? [[String: Any]])
            let received = try #require(items.first?["referenceImages"] as? [[String: Any]])
            #expect(received.first?["sha256"] as? String == SHA256.hex(of: image) && received.first?["part"] as? Int == 0)
            let done = try await http.pollUntilDone(name)
            let responses = try #require((metadata(done)["output"] as? [String: Any])?["responsesFile"] as? String)
            let download = try await http.send("GET", "/v1beta/\(responses):download?alt=media")
            let keys = String(decoding: download.body, as: UTF8.self).split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["key"] as? String
            }
            #expect(keys == ["req_0", "req_1"], "file input answers a responses file, matched by key")

            let unknown = try await http.json("POST", createPath, ["batch": ["inputConfig": ["fileName": "files/never-uploaded"]]])
            #expect(unknown.status == 400)
            let bad = Data("{\"key\":\"req_0\",\"request\":{\"contents\":[]}}\nnot json\n".utf8)
            let (badPath, _) = try await Self.start(http, size: bad.count, name: "files/pfc-bad")
            #expect(try await Self.chunk(http, badPath, bad, offset: 0, command: "upload, finalize").status == 200)
            let refused = try await http.json("POST", createPath, ["batch": ["inputConfig": ["fileName": "files/pfc-bad"]]])
            #expect(refused.status == 400)
            #expect(((refused.json["error"] as? [String: Any])?["message"] as? String)?.contains("input file line 1") == true,
                    "\(String(decoding: refused.body, as: UTF8.self))")
        }
    }

    @Test func theDropFaultKeepsHalfAChunkAndHangsUpOnce() async throws {
        try await withEmulator({ $0.dropUploadChunk = 1 }) { http, _ in
            let content = Self.bytes(4 * Self.granule, seed: 9)
            let (path, _) = try await Self.start(http, size: content.count)
            await #expect(throws: LoopbackHTTP.Failure.closedWithoutResponse) {
                _ = try await Self.chunk(http, path, content.prefix(2 * Self.granule), offset: 0)
            }
            let query = try await http.send("POST", path, headers: ["X-Goog-Upload-Command": "query"])
            #expect(query.headers["x-goog-upload-size-received"] == String(Self.granule), "half of the cut chunk was kept")
            #expect(try await Self.chunk(http, path, content[Self.granule...], offset: Self.granule, command: "upload, finalize").status == 200,
                    "once per session")
            #expect(try await http.stats().uploads.droppedChunks == 1)
        }
    }
}
