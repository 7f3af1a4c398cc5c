import Foundation
import JobStore
import OrderedJSON
import PFCConfig
import Scheduling
import Setup
import Testing
import TestSupport

/// `init` on a fresh home and on the Python checker's layout, against real files, a real SQLite
/// database and a throwaway user's real crontab.
@Suite(.serialized, .enabled(if: ThrowawayUser.canCreate, "needs root to create a throwaway user for the real crontab program"))
struct InitTests {
    @Test func emptyHomeGetsConfigEnvFoldersDatabaseAndSchedule() throws {
        let installation = try Installation.empty()
        defer { installation.remove() }
        var environment = installation.environment
        environment["GEMINI_API_KEY"] = "key-from-env-42"
        var request = installation.request(environment: environment)
        request.imagesRoot = "~/Pictures/ai images"
        request.intervalMinutes = 45
        var lines: [String] = []
        try FirstRunSetup(request: request).run { lines.append($0) }

        // config.json: the example's keys in the example's order, the chosen values.
        let written = try #require(try JSONValue.parse(Data(contentsOf: installation.configFile)).objectValue)
        let example = try #require(try JSONValue.parse(Data(contentsOf: Self.exampleConfig)).objectValue)
        #expect(written.keys == example.keys)
        #expect(written["generated_images_path"] == JSONValue("~/Pictures/ai images"))
        #expect(written["batch_check_interval_minutes"] == JSONValue(45))
        #expect(written["batch_check_enabled"] == JSONValue(true))
        let config = try installation.config
        #expect(config.imagesRoot.path == installation.home.path + "/Pictures/ai images")

        // .env: private, holding the environment's key.
        #expect(mode(installation.dotEnv) == 0o600)
        let dotEnv = try String(contentsOf: installation.dotEnv, encoding: .utf8)
        #expect(DotEnv.parse(dotEnv)["GEMINI_API_KEY"] == "key-from-env-42")

        // Folders, with the private ones 0700, and a 0600 database.
        for folder in [config.paths.originalFolder, config.paths.webpFolder, config.paths.jsonFolder] {
            #expect(mode(folder) == 0o755, "\(folder.path)")
        }
        #expect(mode(config.paths.metadataFolder) == 0o700)
        #expect(mode(config.paths.logsFolder) == 0o700)
        #expect(mode(config.paths.database) == 0o600)
        #expect(try installation.store().schemaVersion == JobStore.latestSupportedVersion)

        // The schedule: */15 plus the skip gate for 45 minutes.
        let entry = try CrontabEntry(plan: .forInterval(45), executablePath: installation.executablePath,
                                     configPath: installation.configFile.path)
        #expect(try installation.user.crontab() == "\(CrontabEntry.marker)\n\(entry.line)\n")
        #expect(lines.contains { $0.hasPrefix("wrote \(installation.configFile.path)") })
        #expect(lines.contains { $0.hasPrefix("installed the crontab entry") })
        #expect(!lines.joined().contains("key-from-env-42"), "the key must never be printed")

        // A second run changes nothing and says so.
        let configBytes = try Data(contentsOf: installation.configFile)
        let crontab = try installation.user.crontab()
        var again: [String] = []
        try FirstRunSetup(request: installation.request()).run { again.append($0) }
        #expect(try Data(contentsOf: installation.configFile) == configBytes)
        #expect(try installation.user.crontab() == crontab)
        #expect(again.contains("kept the existing config \(installation.configFile.path)"))
        #expect(again.contains { $0.hasPrefix("kept the existing \(installation.dotEnv.path)") })
        #expect(again.contains { $0.hasPrefix("the crontab entry is already installed") })
    }

    @Test func oldLayoutIsImportedAndThePythonEntryReplaced() throws {
        let installation = try Installation.empty()
        defer { installation.remove() }
        // The Python checker's world: a shared config with other tools' keys, a .env, a tracking
        // file with a metadata folder, and its cron entry next to the user's own lines.
        let images = installation.home.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images.appendingPathComponent("metadata/batch_metadata"),
                                                withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: installation.configFile.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        let legacyConfig = """
            {
              "generated_images_path": "\(images.path)",
              "batch_check_enabled": true,
              "batch_check_interval_minutes": 60,
              "wordpress": {"site": "https://example.org"}
            }

            """
        try Data(legacyConfig.utf8).write(to: installation.configFile)
        try Data("GEMINI_API_KEY=old-key\n".utf8).write(to: installation.dotEnv)
        try Data("""
            {
              "batches/aaa": {"batch_job_id": "batches/aaa", "status": "pending", "submitted_at": "2026-02-07T21:00:00.123456",
                              "last_checked": null, "completed_at": null, "retrieved": false, "check_count": 2},
              "batches/bbb": {"batch_job_id": "batches/bbb", "status": "completed", "submitted_at": "2026-02-06T10:00:00",
                              "completed_at": "2026-02-06T12:00:00", "retrieved": true, "check_count": 5}
            }
            """.utf8).write(to: images.appendingPathComponent("metadata/batch_jobs_tracking.json"))
        let userLines = "MAILTO=\"\"\n0 3 * * * /usr/bin/backup --all\n"
        try installation.user.setCrontab(userLines + "# PeeperFrog Create batch checker\n"
                                         + "*/30 * * * * /home/x/venv/bin/python3 /home/x/batch_checker.py 2>&1\n")

        var lines: [String] = []
        try FirstRunSetup(request: installation.request()).run { lines.append($0) }

        #expect(try String(contentsOf: installation.configFile, encoding: .utf8) == legacyConfig, "an existing config is kept byte for byte")
        #expect(try String(contentsOf: installation.dotEnv, encoding: .utf8) == "GEMINI_API_KEY=old-key\n")
        let store = try installation.store()
        #expect(try store.job(id: "batches/aaa")?.status == .pending)
        #expect(try store.job(id: "batches/bbb")?.status == .completed)
        #expect(lines.contains { $0.contains("batch_jobs_tracking.json: 2 new, 0 updated, 0 unchanged, 0 skipped") })
        let entry = try CrontabEntry(plan: .forInterval(60), executablePath: installation.executablePath,
                                     configPath: installation.configFile.path)
        #expect(try installation.user.crontab() == userLines + "\(CrontabEntry.marker)\n\(entry.line)\n")
        #expect(lines.contains("installed the crontab entry (replaced the Python checker's entry): \(SchedulePlan.forInterval(60))"))

        // And the migrated setup is healthy (no run recorded yet: a warning, not a failure).
        let report = installation.doctor()
        #expect(!report.hasFailures, "\(report.text)")
        #expect(report[.schedule]?.verdict == .pass)
        #expect(report[.lastRun]?.verdict == .warn)
    }

    @Test func disabledInitRemovesOurEntryAndFlagsUpdateAnExistingConfig() throws {
        let installation = try Installation.empty()
        defer { installation.remove() }
        try FirstRunSetup(request: installation.request()).run { _ in }
        #expect(try installation.user.crontab().contains(CrontabEntry.marker))
        var request = installation.request()
        request.enabled = false
        request.intervalMinutes = 90
        var lines: [String] = []
        try FirstRunSetup(request: request).run { lines.append($0) }
        let saved = try #require(try JSONValue.parse(Data(contentsOf: installation.configFile)).objectValue)
        #expect(saved["batch_check_enabled"] == JSONValue(false))
        #expect(saved["batch_check_interval_minutes"] == JSONValue(90))
        #expect(saved.keys == (try JSONValue.parse(Data(contentsOf: Self.exampleConfig)).objectValue?.keys))
        #expect(try installation.user.crontab() == "")
        #expect(lines.contains("checking is disabled (batch_check_enabled: false): removed the crontab entry"))
    }

    @Test func withoutAKeyTheEnvGetsAPlaceholderAndApiKeyFromEnvRequiresOne() throws {
        let installation = try Installation.empty()
        defer { installation.remove() }
        var request = installation.request()
        request.apiKeyFromEnvironment = true
        #expect(throws: SetupError.apiKeyNotInEnvironment) { try FirstRunSetup(request: request).run { _ in } }
        #expect(!FileManager.default.fileExists(atPath: installation.configFile.path), "nothing is written on a refused request")

        request.apiKeyFromEnvironment = false
        request.installSchedule = false
        try FirstRunSetup(request: request).run { _ in }
        let text = try String(contentsOf: installation.dotEnv, encoding: .utf8)
        #expect(DotEnv.parse(text)["GEMINI_API_KEY"] == nil)
        #expect(text.contains("# GEMINI_API_KEY="))
        #expect(mode(installation.dotEnv) == 0o600)
        #expect(try installation.user.crontab() == "", "--no-schedule leaves the crontab alone")

        // --api-key-from-env adds the key to the existing .env and keeps its lines.
        var environment = installation.environment
        environment["GEMINI_API_KEY"] = "added-later"
        request = installation.request(environment: environment)
        request.apiKeyFromEnvironment = true
        request.installSchedule = false
        try FirstRunSetup(request: request).run { _ in }
        let updated = try String(contentsOf: installation.dotEnv, encoding: .utf8)
        #expect(updated.hasPrefix(text))
        #expect(DotEnv.parse(updated)["GEMINI_API_KEY"] == "added-later")
        #expect(mode(installation.dotEnv) == 0o600)
    }

    @Test func initThroughTheBinaryWithoutATerminalAsksNothing() throws {
        let installation = try Installation.empty()
        defer { installation.remove() }
        var environment = installation.environment
        environment["GEMINI_API_KEY"] = "binary-key-7"
        let result = try runPFCJobs(["init", "--offline", "--config", installation.configFile.path, "--images-root", "imgs",
                                     "--interval", "20", "--crontab-user", installation.user.name],
                                    environment: environment, in: installation.home)
        #expect(result.status == 0, "\(result.output)\(result.error)")
        #expect(!result.output.contains("?"), "no question without a terminal: \(result.output)")
        #expect(!result.output.contains("binary-key-7"))
        let config = try installation.config
        #expect(config.imagesRoot.path == installation.home.path + "/imgs")
        #expect(config.batchCheckIntervalMinutes == 20)
        let entry = try CrontabEntry(plan: .forInterval(20), executablePath: pfcJobsBinary.standardizedFileURL.path,
                                     configPath: installation.configFile.path)
        #expect(try installation.user.crontab() == "\(CrontabEntry.marker)\n\(entry.line)\n")

        let refused = try runPFCJobs(["init", "--config", installation.home.path + "/other/config.json", "--api-key-from-env",
                                      "--no-schedule"], environment: installation.environment, in: installation.home)
        #expect(refused.status == 2)
        #expect(refused.error.contains("GEMINI_API_KEY is not set"))
        let badInterval = try runPFCJobs(["init", "--config", installation.home.path + "/other/config.json", "--interval", "4",
                                          "--no-schedule"], environment: installation.environment, in: installation.home)
        #expect(badInterval.status == 2, "\(badInterval.error)")
    }

    static var exampleConfig: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config.json.example")
    }
}

/// The questions `init` asks on a terminal, answered from a script.
@Suite struct InitPrompterTests {
    final class Script: @unchecked Sendable {
        // @unchecked Sendable: the prompter calls `ask` sequentially on the test's thread.
        var answers: [String]
        var questions: [String] = []
        init(_ answers: [String]) { self.answers = answers }
    }

    @Test func asksOnlyWhatTheFlagsDidNotGiveAndRepeatsBadAnswers() throws {
        let script = Script(["", "4", "abc", "90", "n"])
        let prompter = InitPrompter { question in
            script.questions.append(question)
            return script.answers.isEmpty ? nil : script.answers.removeFirst()
        }
        var request = InitRequest(configFile: URL(fileURLWithPath: "/tmp/x/config.json"))
        try prompter.complete(&request)
        #expect(request.imagesRoot == Config.defaultImagesRoot)
        #expect(request.intervalMinutes == 90)
        #expect(request.enabled == false)
        #expect(script.questions.count == 5)
        #expect(script.questions[0].contains("[\(Config.defaultImagesRoot)]"))

        let flagsOnly = Script([])
        var given = InitRequest(configFile: URL(fileURLWithPath: "/tmp/x/config.json"))
        given.imagesRoot = "/srv/img"
        given.intervalMinutes = 30
        given.enabled = true
        try InitPrompter { flagsOnly.questions.append($0); return nil }.complete(&given)
        #expect(flagsOnly.questions.isEmpty)
    }

    @Test func givesUpAfterThreeBadAnswers() {
        let script = Script(["/img", "0", "x", "99999"])
        let prompter = InitPrompter { _ in script.answers.isEmpty ? nil : script.answers.removeFirst() }
        var request = InitRequest(configFile: URL(fileURLWithPath: "/tmp/x/config.json"))
        #expect(throws: SetupError.invalidAnswer(field: "interval", value: "99999", allowed: "a whole number of minutes, 5...1440")) {
            try prompter.complete(&request)
        }
    }
}

/// `init` on a real terminal (a pseudo-terminal from util-linux `script`) asks its questions and
/// writes the answers.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs util-linux script for a pseudo-terminal"))
struct InitTerminalTests {
    @Test func onATerminalInitAsksForWhatTheFlagsDidNotGive() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-tty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(pfcJobsBinary.path)' init --no-schedule --interval 90", "/dev/null"]
        process.environment = ["HOME": home.path, "PATH": "/usr/bin:/bin"]
        process.currentDirectoryURL = home
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data("~/my pics\nn\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("Images folder [~/Pictures/ai-generated-images]"))
        #expect(!text.contains("Minutes between checks"), "--interval was given")
        #expect(text.contains("automatically"))
        let config = try Config.read(file: home.appendingPathComponent("config.json"), home: home.path)
        #expect(config.imagesRoot.path == home.path + "/my pics")
        #expect(config.batchCheckIntervalMinutes == 90)
        #expect(config.batchCheckEnabled == false)
    }
}
