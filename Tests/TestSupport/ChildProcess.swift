import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process whose output goes to files (no pipe can fill up and stall it), waited for by
/// polling with a bound, and stopped with SIGKILL: children of Swift Testing inherit a blocked
/// SIGTERM/SIGINT mask.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` is configured before `run()` and afterwards only read through
    // Foundation's thread-safe accessors (isRunning, processIdentifier, terminationStatus).
    public let process = Process()
    public let arguments: [String]
    public let stdoutFile: URL
    public let stderrFile: URL

    /// Starts `executable` at once; its stdout and stderr go to two new files in `logFolder`.
    /// - Parameter environment: nil inherits the test's environment.
    public init(executable: URL, arguments: [String], environment: [String: String]?, directory: URL, logFolder: URL) throws {
        self.arguments = arguments
        let tag = UUID().uuidString.prefix(8)
        stdoutFile = logFolder.appendingPathComponent("child-\(tag).out")
        stderrFile = logFolder.appendingPathComponent("child-\(tag).err")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    public var isRunning: Bool { process.isRunning }
    public var pid: Int32 { process.processIdentifier }

    public func readStdout() -> String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    public func readStderr() -> String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    public func kill() { if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) } }

    /// Polls until the process exits; kills it and throws when it outlives `timeout`.
    public func wait(timeout: Duration) async throws -> CommandRun {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while process.isRunning {
            if clock.now >= deadline {
                kill()
                throw HarnessError.timeout("\(process.executableURL?.lastPathComponent ?? "child") \(arguments.joined(separator: " ")) still running after \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return finished()
    }

    private func finished() -> CommandRun {
        // isRunning turns false from the reaping thread; the status is set by then.
        CommandRun(arguments: arguments, status: process.terminationStatus,
                   wasSignalled: process.terminationReason == .uncaughtSignal,
                   stdout: readStdout(), stderr: readStderr())
    }
}
