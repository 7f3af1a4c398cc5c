import Foundation

/// A short program run to its end with pipes (`python3 -c ...`, `sha256sum`, `crontab -l`): for tools whose
/// whole output a test reads once. Long-running or chatty children are ``ChildProcess``es instead.
public struct ProgramRun: Sendable {
    public let status: Int32
    public let stdout: Data
    public let stderr: String
    public var output: String { String(decoding: stdout, as: UTF8.self) }

    /// Runs `path` with `arguments`, feeding `input` on stdin. The output is read before waiting, so a full pipe
    /// cannot stall the child (stderr after stdout: for tools that print little there).
    public static func run(_ path: String, _ arguments: [String], input: String? = nil) throws -> ProgramRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe(), error = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ProgramRun(status: process.terminationStatus, stdout: out, stderr: String(decoding: err, as: UTF8.self))
    }

    /// `python3 -c script arguments...` through `/usr/bin/env`.
    public static func python(_ script: String, _ arguments: [String]) throws -> ProgramRun {
        try run("/usr/bin/env", ["python3", "-c", script] + arguments)
    }
}
