import Foundation

/// Runs a short-lived program to completion with optional stdin, capturing stdout and stderr
/// through temporary files (no pipe can fill up and deadlock, whatever the output size).
enum ProcessRunner {
    struct Result {
        var status: Int32
        var standardOutput: Data
        var standardError: String
    }

    static func run(_ executablePath: String, _ arguments: [String], standardInput: Data? = nil) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("pfc-jobs-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inputURL = scratch.appendingPathComponent("stdin")
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        try (standardInput ?? Data()).write(to: inputURL)
        try Data().write(to: outputURL)
        try Data().write(to: errorURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath)
        process.arguments = arguments
        let input = try FileHandle(forReadingFrom: inputURL)
        let output = try FileHandle(forWritingTo: outputURL)
        let error = try FileHandle(forWritingTo: errorURL)
        defer { try? input.close(); try? output.close(); try? error.close() }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      standardOutput: try Data(contentsOf: outputURL),
                      standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }
}
