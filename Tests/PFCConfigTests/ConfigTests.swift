import Foundation
import Testing
@testable import PFCConfig

@Suite struct ConfigTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    private func write(_ text: String, name: String = "config.json") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func readsLegacyKeysIgnoresUnknownAndExpandsTilde() throws {
        let file = try write("""
        {"generated_images_path": "~/Pictures/ai", "original_subdir": "orig", "batch_check_interval_minutes": 45,
         "batch_check_enabled": false, "api_delay_seconds": 3, "debug": true, "wordpress": {"url": "x"},
         "batch_checker_script": "./src/batch_checker.py", "lease_seconds": 120}
        """)
        let config = try Config.load(explicitPath: file.path, environment: ["HOME": "/home/frog"], currentDirectory: "/")
        #expect(config.imagesRoot.path == "/home/frog/Pictures/ai")
        #expect(config.paths.originalFolder.path == "/home/frog/Pictures/ai/orig")
        #expect(config.paths.trackingFile.path == "/home/frog/Pictures/ai/metadata/batch_jobs_tracking.json")
        #expect(config.paths.database.path == "/home/frog/Pictures/ai/metadata/jobs.sqlite3")
        #expect(config.batchCheckIntervalMinutes == 45)
        #expect(config.batchCheckEnabled == false)
        #expect(config.leaseSeconds == 120)
        #expect(config.sourceFile == file)
    }

    @Test func imagesDirIsTheFallbackRootAndRelativePathsFollowTheFile() throws {
        let file = try write(#"{"images_dir": "imgs", "jobs_database": "state/jobs.db"}"#)
        let config = try Config.load(explicitPath: file.path, environment: ["HOME": "/h"], currentDirectory: "/")
        #expect(config.imagesRoot.path == folder.appendingPathComponent("imgs").path)
        #expect(config.paths.database.path == folder.appendingPathComponent("state/jobs.db").path)
    }

    @Test(arguments: [
        (#"{"batch_check_interval_minutes": 4}"#, "\"batch_check_interval_minutes\" is 4, allowed 5..1440"),
        (#"{"batch_check_interval_minutes": 1441}"#, "allowed 5..1440"),
        (#"{"batch_check_interval_minutes": "30"}"#, "\"batch_check_interval_minutes\" must be a whole number, found \"30\""),
        (#"{"batch_check_interval_minutes": 7.5}"#, "must be a whole number, found 7.5"),
        (#"{"batch_check_enabled": "yes"}"#, "\"batch_check_enabled\" must be true or false"),
        (#"{"generated_images_path": 3}"#, "\"generated_images_path\" must be a string, found 3"),
        (#"{"webp_subdir": "../elsewhere"}"#, "\"webp_subdir\""),
        (#"[1, 2]"#, "must be a JSON object"),
        (#"{"a": "#, "not valid JSON"),
    ])
    func badConfigNamesTheFileAndKey(text: String, message: String) throws {
        let file = try write(text)
        do {
            _ = try Config.load(explicitPath: file.path, environment: ["HOME": "/h"], currentDirectory: "/")
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description.contains(file.path))
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func lookupOrderIsFlagThenEnvironmentThenCurrentFolderThenDefaults() throws {
        let fromFlag = try write(#"{"batch_check_interval_minutes": 10}"#, name: "flag.json")
        let fromEnv = try write(#"{"batch_check_interval_minutes": 20}"#, name: "env.json")
        _ = try write(#"{"batch_check_interval_minutes": 40}"#)
        let env = ["HOME": "/h", "PFC_CONFIG": fromEnv.path]
        #expect(try Config.load(explicitPath: fromFlag.path, environment: env, currentDirectory: folder.path).batchCheckIntervalMinutes == 10)
        #expect(try Config.load(explicitPath: nil, environment: env, currentDirectory: folder.path).batchCheckIntervalMinutes == 20)
        #expect(try Config.load(explicitPath: nil, environment: ["HOME": "/h"], currentDirectory: folder.path).batchCheckIntervalMinutes == 40)
        let defaults = try Config.load(explicitPath: nil, environment: ["HOME": "/h"], currentDirectory: "/nonexistent")
        #expect(defaults.sourceFile == nil)
        #expect(defaults.imagesRoot.path == "/h/Pictures/ai-generated-images")
    }

    @Test func missingExplicitFileIsAnError() {
        #expect(throws: ConfigError.self) {
            try Config.load(explicitPath: "/nonexistent/config.json", environment: ["HOME": "/h"], currentDirectory: "/")
        }
    }

    @Test func environmentBaseURLWins() throws {
        let file = try write(#"{"gemini_api_base_url": "http://127.0.0.1:1"}"#)
        let config = try Config.load(explicitPath: file.path, environment: ["HOME": "/h", "GEMINI_API_BASE_URL": "http://127.0.0.1:2"], currentDirectory: "/")
        #expect(config.geminiAPIBaseURL == "http://127.0.0.1:2")
    }

    @Test func apiKeyComesFromEnvironmentThenDotEnvBesideConfigThenCurrentFolder() throws {
        let config = try write("{}")
        let elsewhere = folder.appendingPathComponent("cwd")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try "# comment\nexport GEMINI_API_KEY=\"cwd-key\"\n".write(to: elsewhere.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        #expect(APIKeyLocator.find(environment: [:], configFile: config, currentDirectory: elsewhere.path) == "cwd-key")
        try "OTHER=1\nGEMINI_API_KEY=beside-key # note\n".write(to: folder.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        #expect(APIKeyLocator.find(environment: [:], configFile: config, currentDirectory: elsewhere.path) == "beside-key")
        #expect(APIKeyLocator.find(environment: ["GEMINI_API_KEY": "env-key"], configFile: config, currentDirectory: elsewhere.path) == "env-key")
        #expect(APIKeyLocator.find(environment: [:], configFile: nil, currentDirectory: "/nonexistent") == nil)
    }
}
