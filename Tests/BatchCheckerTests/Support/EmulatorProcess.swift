import Foundation
import GeminiEmulator
import TestSupport

/// `pfc-jobs emulator --port 0` as a real child process, driven through its control API over loopback.
final class EmulatorProcess: Sendable {
    let child: ChildProcess
    let port: UInt16
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts the emulator and polls its output (bounded) for the `emulator listening on` line.
    init(workspace: Workspace, arguments: [String] = []) async throws {
        child = try ChildProcess(executable: Executables.pfcJobs,
                                 arguments: ["emulator", "--port", "0"] + arguments,
                                 environment: workspace.environment(), directory: workspace.root,
                                 logFolder: workspace.root)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        var found: UInt16?
        while found == nil {
            let text = child.readStdout()
            if let range = text.range(of: "emulator listening on http://127.0.0.1:") {
                found = UInt16(text[range.upperBound...].prefix { $0.isNumber })
                if found != nil { break }
            }
            guard child.isRunning else { throw HarnessError.failed("emulator exited: \(child.readStderr())") }
            guard clock.now < deadline else {
                child.kill()
                throw HarnessError.timeout("emulator printed no URL within 30 s")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        port = found!
    }

    func stop() { child.kill() }

    /// POSTs a control request and returns the decoded JSON object of the answer.
    @discardableResult
    func control(_ path: String, _ body: [String: Any] = [:]) async throws -> [String: Any] {
        try await EmulatorControl(baseURL: baseURL).post(path, body)
    }

    /// A batch frozen in `state`; returns its name (`batches/...`).
    func createBatch(items: Int = 1, state: String = "SUCCEEDED", name: String? = nil) async throws -> String {
        var body: [String: Any] = ["state": state, "items": items]
        if let name { body["name"] = name }
        let operation = try await control("/_emulator/batches", body)
        guard let created = operation["name"] as? String else { throw HarnessError.failed("no name in \(operation)") }
        return created
    }

    func stats() async throws -> EmulatorStats { try await EmulatorControl(baseURL: baseURL).stats() }
}
