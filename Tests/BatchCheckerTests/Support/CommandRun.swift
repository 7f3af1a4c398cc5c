import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One finished run of a child process: exit status and what it printed.
struct CommandRun: Sendable {
    var arguments: [String]
    var status: Int32
    /// True when the process was killed with a signal (the test's SIGKILL, or a crash).
    var wasSignalled: Bool
    var stdout: String
    var stderr: String

    var summary: String { "pfc-jobs \(arguments.joined(separator: " ")) -> \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// A child process whose output goes to files (no pipe can fill up and stall it), waited for by
/// polling with a bound, and stopped with SIGKILL: children of Swift Testing inherit a blocked
/// SIGTERM/SIGINT mask.
final class ChildProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` is configured before `run()` and afterwards only read through
    // Foundation's thread-safe accessors (isRunning, processIdentifier, terminationStatus).
    let process = Process()
    let arguments: [String]
    let stdoutFile: URL
    let stderrFile: URL

    init(executable: URL, arguments: [String], environment: [String: String], directory: URL, logFolder: URL) throws {
        self.arguments = arguments
        let tag = UUID().uuidString.prefix(8)
        stdoutFile = logFolder.appendingPathComponent("child-\(tag).out")
        stderrFile = logFolder.appendingPathComponent("child-\(tag).err")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var isRunning: Bool { process.isRunning }
    var pid: Int32 { process.processIdentifier }

    func readStdout() -> String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    func readStderr() -> String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    func kill() { if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) } }

    /// Polls until the process exits; kills it and throws when it outlives `timeout`.
    func wait(timeout: Duration) async throws -> CommandRun {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning {
            if clock.now >= deadline {
                kill()
                throw HarnessError.timeout("pfc-jobs \(arguments.joined(separator: " ")) still running after \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        // isRunning turns false from the reaping thread; the status is set by then.
        return CommandRun(arguments: arguments, status: process.terminationStatus,
                          wasSignalled: process.terminationReason == .uncaughtSignal,
                          stdout: readStdout(), stderr: readStderr())
    }
}

enum HarnessError: Error, CustomStringConvertible {
    case timeout(String)
    case failed(String)

    var description: String {
        switch self {
        case .timeout(let text), .failed(let text): text
        }
    }
}

/// The package's executables sit next to the test bundle (`.build/debug/`).
enum Executables {
    static func url(_ name: String) -> URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, beside, beside.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return directory.appendingPathComponent(name)
    }

    static var pfcJobs: URL { url("pfc-jobs") }
}
