import Foundation
import JobStore
import PFCConfig
import Scheduling
import Setup
import TestSupport

/// A pfc-jobs installation in a temporary home folder, with a throwaway user's real crontab:
/// `healthy()` builds it with `FirstRunSetup` the way `pfc-jobs init` does; tests then break one
/// thing and run the doctor.
struct Installation {
    let home: URL
    let user: ThrowawayUser
    /// What the crontab entry runs; doctor compares it with this path.
    let executablePath = "/usr/local/bin/pfc-jobs"

    var configFile: URL { home.appendingPathComponent("pfc/config.json") }
    var dotEnv: URL { home.appendingPathComponent("pfc/.env") }
    var crontab: CrontabClient { CrontabClient(crontabPath: "/usr/bin/crontab", user: user.name) }
    /// A minimal environment without GEMINI_API_KEY, as cron gives.
    var environment: [String: String] { ["HOME": home.path, "PATH": "/usr/bin:/bin"] }

    var config: Config { get throws { try Config.read(file: configFile, home: home.path) } }

    static func empty() throws -> Installation {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-setup \(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return Installation(home: home, user: try ThrowawayUser.create())
    }

    /// After `init` with the key in the environment, and one completed check run recorded.
    static func healthy() throws -> Installation {
        let installation = try empty()
        var environment = installation.environment
        environment["GEMINI_API_KEY"] = "test-key-123456"
        var request = installation.request(environment: environment)
        request.imagesRoot = "~/Pictures/ai images"
        try FirstRunSetup(request: request).run { _ in }
        let store = try installation.store()
        let run = try store.startRun(owner: "test:1", now: Date().addingTimeInterval(-60))
        try store.finishRun(id: run, counts: RunCounts(claimed: 1, retrieved: 1), outcome: .completed)
        return installation
    }

    func request(environment: [String: String]? = nil) -> InitRequest {
        InitRequest(configFile: configFile, environment: environment ?? self.environment, currentDirectory: home.path,
                    executablePath: executablePath, crontab: crontab)
    }

    func store() throws -> JobStore { try JobStore(path: try config.paths.database.path) }

    func doctor(environment: [String: String]? = nil, now: Date = Date()) -> DoctorReport {
        Doctor(configPath: configFile.path, environment: environment ?? self.environment, currentDirectory: home.path,
               crontab: crontab, executablePath: executablePath, now: now).run()
    }

    /// Replaces one key's value text in config.json (the file keeps everything else).
    func editConfig(_ key: String, to valueJSON: String) throws {
        let text = try String(contentsOf: configFile, encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: "\"\(key)\": [^,\\n]+")
        let range = NSRange(text.startIndex..., in: text)
        let edited = pattern.stringByReplacingMatches(in: text, range: range, withTemplate: "\"\(key)\": \(valueJSON)")
        guard edited != text else { throw TestFailure("\(key) not found in the config") }
        try Data(edited.utf8).write(to: configFile)
    }

    func remove() {
        user.delete()
        try? FileManager.default.removeItem(at: home)
    }
}

/// Permission bits of a path.
func mode(_ url: URL) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? nil
}

/// The package's `pfc-jobs` binary, beside the test bundle.
var pfcJobsBinary: URL {
    Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("pfc-jobs")
}

/// Runs `pfc-jobs` with exactly `environment`, in `directory`, stdin a pipe (not a terminal).
func runPFCJobs(_ arguments: [String], environment: [String: String], in directory: URL) throws -> (status: Int32, output: String, error: String) {
    let process = Process()
    process.executableURL = pfcJobsBinary
    process.arguments = arguments
    process.environment = environment
    process.currentDirectoryURL = directory
    let output = Pipe(), error = Pipe(), input = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = input
    try process.run()
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
}
