import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GeminiEmulator
import Logging
import Testing
@testable import GeminiBatch

/// The resumable upload of the Files API against the project's emulator over loopback: chunks streamed from
/// disk, the bytes the emulator kept equal to the file's (sha256 by coreutils), a chunk cut mid-way resumed
/// from the offset the server reports, and a batch created from the uploaded JSONL whose reference images
/// arrive byte for byte.
@Suite struct ResumableUploadTests {
    static let key = "upload-test-key-0123456789"

    /// An emulator on an ephemeral port and a client with small chunks and quick retries.
    struct Rig {
        let server: EmulatorServer
        let client: GeminiBatchClient
        let baseURL: String
        let log: LoggingTests.CapturingLogHandler
        let folder: URL

        static func start(chunkSize: Int = 256 << 10, _ configure: (inout EmulatorConfiguration) -> Void = { _ in }) async throws -> Rig {
            var configuration = EmulatorConfiguration(apiKey: ResumableUploadTests.key)
            configuration.pollsUntilDone = 1
            configuration.imageWidth = 16
            configuration.imageHeight = 16
            configure(&configuration)
            let server = EmulatorServer(configuration: configuration)
            let port = try await server.start()
            let baseURL = "http://127.0.0.1:\(port)"
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-upload-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var clientConfiguration = GeminiClientConfiguration(baseURL: baseURL, downloadPathStyle: .plain)
            clientConfiguration.retryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 30)
            clientConfiguration.uploadChunkSize = chunkSize
            clientConfiguration.downloadDirectory = folder
            let log = LoggingTests.CapturingLogHandler()
            let client = GeminiBatchClient(apiKey: APIKey(ResumableUploadTests.key), configuration: clientConfiguration,
                                           logger: Logger(label: "upload-test") { _ in log })
            return Rig(server: server, client: client, baseURL: baseURL, log: log, folder: folder)
        }

        func stop() async {
            await server.stop()
            try? FileManager.default.removeItem(at: folder)
        }

        /// Runs `body` with a started rig and always stops it.
        static func with(chunkSize: Int = 256 << 10, _ configure: (inout EmulatorConfiguration) -> Void = { _ in },
                         _ body: (Rig) async throws -> Void) async throws {
            let rig = try await start(chunkSize: chunkSize, configure)
            do {
                try await body(rig)
            } catch {
                await rig.stop()
                throw error
            }
            await rig.stop()
        }

        func control(_ path: String) async throws -> [String: Any] {
            let (data, _) = try await URLSession.shared.data(from: URL(string: baseURL + path)!)
            return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        }

        /// A file of `count` pseudo-random bytes in the rig's folder.
        func randomFile(_ name: String, count: Int, seed: UInt64) throws -> URL {
            var state = seed
            var bytes = [UInt8](repeating: 0, count: count)
            for index in bytes.indices {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes[index] = UInt8(truncatingIfNeeded: state >> 33)
            }
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url
        }
    }

    /// SHA-256 by coreutils' `sha256sum`, independent of the emulator's libcrypto digest.
    static func sha256(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix { !$0.isWhitespace })
    }

    @Test func aFileGoesUpInChunksAndTheServiceHoldsTheSameBytes() async throws {
        try await Rig.with { rig in
            let file = try rig.randomFile("input.jsonl", count: 1_300_000, seed: 1)
            let uploaded = try await rig.client.uploadFile(file, name: "files/pfc-test-one", displayName: "pfc-jobs-test")
            #expect(uploaded.name == "files/pfc-test-one")
            #expect(uploaded.sizeBytes == 1_300_000 && uploaded.state == .active && uploaded.mimeType == "application/jsonl")
            #expect(uploaded.displayName == "pfc-jobs-test" && uploaded.uri?.hasSuffix("/files/pfc-test-one") == true)
            let expires = try #require(uploaded.expirationTime)
            let created = try #require(uploaded.createTime)
            #expect(abs(expires.timeIntervalSince(created) - 48 * 3600) < 1, "kept 48 hours")

            let record = try await rig.control("/_emulator/files/pfc-test-one")
            #expect(record["sha256"] as? String == (try Self.sha256(file)), "the bytes the service kept are the file's")
            let stats = await rig.server.stats()
            #expect(stats.uploads.starts == 1 && stats.uploads.chunks == 5, "1.3 MB in 256 KiB chunks: \(stats.uploads)")
            #expect(stats.uploads.queries == 0 && stats.uploads.finalized == 1)
            #expect(stats.requestsWithKeyInURL == 0)

            let fetched = try await rig.client.getFile("files/pfc-test-one")
            #expect(fetched.name == uploaded.name && fetched.sizeBytes == 1_300_000 && fetched.state == .active)
            try await rig.client.deleteFile("files/pfc-test-one")
            await #expect(throws: GeminiError.self) { _ = try await rig.client.getFile("files/pfc-test-one") }
            // A name that breaks the rule is refused before anything is sent.
            await #expect(throws: GeminiError.self) {
                _ = try await rig.client.uploadFile(file, name: "files/Upper-Case", displayName: "x")
            }
            #expect(await rig.server.stats().uploads.starts == 1)
        }
    }

    @Test func aChunkCutMidwayResumesFromTheServersOffset() async throws {
        try await Rig.with(chunkSize: 1 << 20, { $0.dropUploadChunk = 2 }) { rig in
            let file = try rig.randomFile("input.jsonl", count: 3_500_000, seed: 2)
            let uploaded = try await rig.client.uploadFile(file, name: "files/pfc-test-two", displayName: "pfc-jobs-resume")
            #expect(uploaded.sizeBytes == 3_500_000)

            let stats = await rig.server.stats()
            #expect(stats.uploads.droppedChunks == 1 && stats.uploads.queries >= 1, "\(stats.uploads)")
            #expect(stats.uploads.refused == 0, "the client never sent an offset the server did not have")
            let record = try await rig.control("/_emulator/files/pfc-test-two")
            #expect(record["sha256"] as? String == (try Self.sha256(file)), "resumed, the bytes are still the file's")
            // Chunk 2 started at 1 MiB; the server kept half of it (512 KiB): the upload goes on from 1.5 MiB.
            let lines = rig.log.lines.withLock { $0 }
            #expect(lines.contains { $0.contains("upload resumes at byte 1572864 of 3500000") }, "\(lines)")
            #expect(!lines.contains { $0.contains("upload_id") || $0.contains(Self.key) }, "no session id or key in the log")
        }
    }

    @Test func aBatchFromAnUploadedFileCarriesItsReferenceImagesByteForByte() async throws {
        try await Rig.with { rig in
            // Two images of odd sizes (base64 padding) from files, one from memory.
            let first = try rig.randomFile("first.png", count: 700_001, seed: 3)
            let second = try rig.randomFile("second.png", count: 123_457, seed: 4)
            let inMemory = Data((0..<5000).map { UInt8($0 % 251) })
            let requests = [
                BatchRequest(key: "req_0", prompt: "a heron", referenceImages: [
                    InlineImage(mimeType: "image/png", file: first, byteCount: 700_001),
                    InlineImage(mimeType: "image/png", file: second, byteCount: 123_457),
                ]),
                BatchRequest(key: "req_1", prompt: "a \"quoted\" heron\nwith a newline", aspectRatio: "16:9",
                             referenceImages: [InlineImage(mimeType: "image/jpeg", data: inMemory)]),
            ]
            let input = try BatchRequest.writeInputFile(requests, in: rig.folder)
            let lines = try String(contentsOf: input.file.url, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 2, "one line per request")
            let line = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
            #expect(line["key"] as? String == "req_1" && line["request"] is [String: Any])

            let uploaded = try await rig.client.uploadFile(input.file.url, name: "files/pfc-test-three", displayName: "pfc-jobs-file")
            let batch = try await rig.client.createBatch(model: "gemini-3-pro-image", displayName: "pfc-jobs-file", inputFile: uploaded.name)
            let record = try await rig.control("/_emulator/batches/\(batch.name.dropFirst("batches/".count))")
            #expect(record["inputFile"] as? String == "files/pfc-test-three")
            let items = try #require(record["items"] as? [[String: Any]])
            #expect(items.count == 2)
            let received = items.map { ($0["referenceImages"] as? [[String: Any]] ?? []).compactMap { $0["sha256"] as? String } }
            let inMemoryFile = rig.folder.appendingPathComponent("in-memory.jpg")
            try inMemory.write(to: inMemoryFile)
            #expect(received == [[try Self.sha256(first), try Self.sha256(second)], [try Self.sha256(inMemoryFile)]])

            var finished = try await rig.client.getBatch(batch.name)
            for _ in 0..<10 where !finished.state.isTerminal { finished = try await rig.client.getBatch(batch.name) }
            guard case .responsesFile(let responses)? = finished.output else {
                Issue.record("a file-input batch answers with a responses file: \(String(describing: finished.output))")
                return
            }
            var keys: [String] = []
            for item in try await rig.client.responsesFileItems(responses) { keys.append(item.key ?? "-") }
            #expect(keys == ["req_0", "req_1"])
        }
    }

    @Test func theExactInlineSizeIsKnownWithoutReadingAnImage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-size-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let image = folder.appendingPathComponent("ref.png")
        try Data((0..<10_001).map { UInt8($0 % 256) }).write(to: image)
        let requests = [BatchRequest(key: "req_0", prompt: "é frog", referenceImages: [InlineImage(mimeType: "image/png", file: image, byteCount: 10_001)])]
        let size = try BatchRequest.inlineCreateBodyBytes(displayName: "pfc-jobs-x", requests: requests)
        let body = try BatchRequest.createBody(displayName: "pfc-jobs-x", requests: requests, responseModalities: ["TEXT", "IMAGE"])
        #expect(size == body.count)
        // The file changed since it was checked: refused, naming it.
        try Data(count: 10).write(to: image)
        #expect(throws: GeminiError.self) {
            _ = try BatchRequest.createBody(displayName: "pfc-jobs-x", requests: requests, responseModalities: ["TEXT", "IMAGE"])
        }
    }
}
