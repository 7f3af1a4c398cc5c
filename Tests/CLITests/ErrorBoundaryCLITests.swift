import Foundation
import Testing
import JobStore

/// The CLI's one error boundary as a script sees it: each kind of failure ends in `pfc-jobs: error:` lines on
/// stderr and the documented code (2 bad input or configuration, 1 work not done), through the real binary.
@Suite struct ErrorBoundaryCLITests {
    typealias Home = OperatorCommandTests.Home

    /// A key, and an API address where nothing listens: these runs have no job to ask about.
    static let offline = ["GEMINI_API_KEY": "test-key", "GEMINI_API_BASE_URL": "http://127.0.0.1:9"]

    @Test func libraryErrorsBecomeOneLineAndTheirCode() throws {
        let home = try Home()
        try home.writeConfig()
        let config = ["--config", home.config.path]
        let cases: [(arguments: [String], status: Int32, says: String)] = [
            (["cost", "--month", "2026-13"], 2, "--month"),
            (["prune", "--older-than", "soon"], 2, "--older-than"),
            (["schedule", "install", "--systemd", "--launchd"], 2, "--systemd and --launchd cannot be used together"),
            (["schedule", "status", "--config", home.root.appendingPathComponent("missing.json").path], 2, "config file not found (from --config)"),
            (["show", "nope"], 1, "no job with id 'nope'"),
            (["check"], 1, "GEMINI_API_KEY is not set; no job was checked"),
        ]
        for (arguments, status, says) in cases {
            let result = try home.run(arguments + (arguments.contains("--config") ? [] : config))
            #expect(result.status == status, "\(arguments): \(result.err)")
            #expect(result.err.hasPrefix("pfc-jobs: error: ") && result.err.contains(says), "\(arguments): \(result.err)")
            #expect(result.err.split(separator: "\n").allSatisfy { $0.hasPrefix("pfc-jobs: error: ") }, "\(arguments): \(result.err)")
        }
        // ArgumentParser's own errors keep its wording, with exit 2 instead of 64.
        let usage = try home.run(["check", "--limit", "0"] + config)
        #expect(usage.status == 2 && usage.err.contains("--limit must be 1 or more"), "\(usage.err)")
        // With --verbose the log line on the console is the one message: it is not said twice.
        let verbose = try home.run(["check", "--verbose"] + config)
        #expect(verbose.status == 1)
        #expect(!verbose.err.contains("pfc-jobs: error:"), "\(verbose.err)")
        #expect(verbose.err.contains("GEMINI_API_KEY is not set"), "\(verbose.err)")
    }

    /// The interval range in `--help` is the config's own.
    @Test func helpNamesTheIntervalRange() throws {
        let home = try Home()
        for command in [["schedule", "install"], ["init"]] {
            let help = try home.run(command + ["--help"])
            #expect(help.status == 0)
            #expect(help.out.contains("5...1440"), "\(command): \(help.out)")
        }
    }
}
