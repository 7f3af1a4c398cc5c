import Foundation
import Testing

/// The `pfc-jobs emulator` executable as a real child process.
@Suite struct EmulatorCommandTests {
    static var executable: URL {
        // The package's executables sit next to the test bundle (.build/debug/).
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, beside, beside.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("pfc-jobs")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return directory.appendingPathComponent("pfc-jobs")
    }

    /// Starts the emulator and reads its first line (the URL line, or an error on exit) on its own thread.
    func launch(_ arguments: [String], environment: [String: String]) async throws -> (Process, Pipe, UInt16?, String) {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["emulator"] + arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let reader = output.fileHandleForReading
        let text = try await onOwnThread {
            var text = ""
            // availableData returns at least one byte, or nothing at end of file (the child exited).
            while !text.contains("\n") {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                text += String(decoding: chunk, as: UTF8.self)
            }
            return text
        }
        let port = text.components(separatedBy: "emulator listening on http://127.0.0.1:").dropFirst().first
            .flatMap { UInt16($0.prefix { $0.isNumber }) }
        return (process, output, port, text)
    }

    @Test func printsItsURLServesAndStopsOnSIGTERM() async throws {
        let secret = "cli-secret-\(UInt32.random(in: 0...UInt32.max))"
        let (process, output, port, _) = try await launch(["--port", "0", "--polls-until-done", "1"],
                                                 environment: ["GEMINI_API_KEY": secret])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let boundPort = try #require(port)
        let http = LoopbackHTTP(port: boundPort, apiKey: secret)
        let name = try await http.createBatch(["from the CLI"])
        let done = try await http.send("GET", "/v1beta/" + name).json
        #expect(done["done"] as? Bool == true)

        // The emulator unblocks SIGTERM at start-up, so a plain SIGTERM stops it even from this test process.
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!process.isRunning, "SIGTERM stops the emulator")
        let reader = output.fileHandleForReading
        let rest = try await onOwnThread { String(decoding: reader.readDataToEndOfFile(), as: UTF8.self) }
        #expect(!rest.contains(secret), "the key is never printed")
    }

    @Test func refusesToStartWithoutAKey() async throws {
        let (process, output, port, firstLine) = try await launch(["--port", "0"], environment: [:])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        #expect(port == nil)
        let reader = output.fileHandleForReading
        let text = try await onOwnThread { String(decoding: reader.readDataToEndOfFile(), as: UTF8.self) }
        try await onOwnThread { process.waitUntilExit() }
        #expect(process.terminationStatus != 0)
        #expect((firstLine + text).contains("GEMINI_API_KEY"))
    }
}

