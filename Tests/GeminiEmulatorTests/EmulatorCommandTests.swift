import Foundation
import Testing
import TestSupport

/// The `pfc-jobs emulator` executable as a real child process.
@Suite struct EmulatorCommandTests {
    static var executable: URL { Executables.pfcJobs }

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

    @Test func flagsTurnOnTheOldBehavioursAndBadValuesAreRefused() async throws {
        let secret = "cli-secret-\(UInt32.random(in: 0...UInt32.max))"
        let (process, _, port, _) = try await launch(["--port", "0", "--polls-until-done", "1", "--responses-file",
                                                      "--no-thoughts", "--accept-any-model", "--legacy-key-errors"],
                                                     environment: ["GEMINI_API_KEY": secret])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let http = LoopbackHTTP(port: try #require(port), apiKey: secret)
        let created = try await http.json("POST", "/v1beta/models/gemini-2.5-flash-image:batchGenerateContent", createBody(["old"]))
        #expect(created.status == 200, "--accept-any-model")
        let done = try await http.pollUntilDone(try #require(created.json["name"] as? String))
        let file = try #require((metadata(done)["output"] as? [String: Any])?["responsesFile"] as? String, "--responses-file")
        let line = try JSONSerialization.jsonObject(with: try await http.send("GET", "/v1beta/\(file):download?alt=media").body)
        #expect(parts((line as? [String: Any])?["response"] as? [String: Any]).allSatisfy { $0["thought"] == nil })
        var wrong = http
        wrong.apiKey = "wrong"
        #expect(try await wrong.send("GET", "/v1beta/batches").status == 403, "--legacy-key-errors")

        let (refused, output, refusedPort, firstLine) = try await launch(["--port", "0", "--output-lag", "-1"],
                                                                         environment: ["GEMINI_API_KEY": secret])
        defer { if refused.isRunning { kill(refused.processIdentifier, SIGKILL) } }
        let reader = output.fileHandleForReading
        let text = try await onOwnThread { String(decoding: reader.readDataToEndOfFile(), as: UTF8.self) }
        #expect(refusedPort == nil)
        #expect((firstLine + text).contains("--output-lag"))
    }

    /// Peak resident memory of a child process, from /proc (VmHWM), in MiB.
    static func peakMiB(_ pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }

    /// The big answers stream: a 200 MB status body, a 16384 x 16384 image and a large inline batch leave the
    /// emulator process's peak memory modest.
    @Test func bigAnswersKeepTheEmulatorsMemoryModest() async throws {
        let secret = "cli-secret-\(UInt32.random(in: 0...UInt32.max))"
        let (process, _, port, _) = try await launch(["--port", "0", "--polls-until-done", "1", "--image-size", "512x512",
                                                      "--image-style", "photo"],
                                                     environment: ["GEMINI_API_KEY": secret])
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let http = LoopbackHTTP(port: try #require(port), apiKey: secret)

        let running = try await http.json("POST", "/_emulator/batches", ["state": "RUNNING", "statusPaddingBytes": 200 << 20])
        let runningName = try #require(running.json["name"] as? String)
        let padded = try await http.send("GET", "/v1beta/" + runningName, keepingAtMost: 1024)
        #expect(padded.bodyLength == 200 << 20)

        let huge = try await http.createBatch(["huge [emu:image-16384x16384]"])
        let hugeDone = try await http.send("GET", "/v1beta/" + huge, keepingAtMost: 1024)
        #expect(hugeDone.status == 200 && hugeDone.bodyLength > 1 << 20)

        let inline = try await http.createBatch((1...24).map { "inline photo \($0)" })
        let inlineDone = try await http.send("GET", "/v1beta/" + inline, keepingAtMost: 1024)
        #expect(inlineDone.bodyLength > 24 << 20, "\(inlineDone.bodyLength) bytes inline")
        let peak = Self.peakMiB(process.processIdentifier)
        #expect(peak > 0 && peak < 200, "emulator peak RSS \(peak) MiB")
    }
}
