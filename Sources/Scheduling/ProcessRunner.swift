import Foundation

/// Runs a short-lived program to completion with optional stdin, capturing stdout and stderr
/// through temporary files (no pipe can fill up and deadlock, whatever the output size).
///
/// The child gets this process's environment without the API key: `crontab` (or an editor it starts,
/// or a program pretending to be it) has no business with `GEMINI_API_KEY`.
enum ProcessRunner {
    /// Variables that hold an API key by name.
    static let secretVariables: Set<String> = ["GEMINI_API_KEY", "GOOGLE_API_KEY"]

    /// `environment` without the key variables, and without any other variable whose value holds one of
    /// their values (a copy under another name, a URL with `?key=`).
    static func childEnvironment(_ environment: [String: String]) -> [String: String] {
        let secrets = secretVariables.compactMap { environment[$0] }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count > 3 }
        return environment.filter { name, value in
            !secretVariables.contains(name) && !secrets.contains { value.contains($0) }
        }
    }

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
        process.environment = childEnvironment(ProcessInfo.processInfo.environment)
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
