import Foundation
import Testing
import PFCConfig

/// The lookup order every command, `init` and `doctor` share: `--config`, `$PFC_CONFIG`, `./config.json`,
/// defaults; and the database from `--db`, the config's `jobs_database`, the images root.
@Suite struct ConfigLocationTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-location-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
    }

    func location(config: String? = nil, db: String? = nil, environment: [String: String] = [:]) -> ConfigLocation {
        ConfigLocation(configPath: config, databasePath: db, environment: ["HOME": folder.path].merging(environment) { $1 },
                       currentDirectory: folder.path)
    }

    @Test func theFlagThenTheEnvironmentThenTheCurrentFolder() throws {
        #expect(location().configFile == nil, "no ./config.json yet: the defaults")
        #expect(location().fileToWrite.path == folder.path + "/config.json")
        try #"{"batch_check_interval_minutes": 40}"#.write(to: folder.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
        try #"{"batch_check_interval_minutes": 20}"#.write(to: folder.appendingPathComponent("sub/env.json"), atomically: true, encoding: .utf8)
        try #"{"batch_check_interval_minutes": 10}"#.write(to: folder.appendingPathComponent("sub/flag.json"), atomically: true, encoding: .utf8)

        #expect(location().configFile?.source == .currentFolder)
        #expect(try location().load().batchCheckIntervalMinutes == 40)
        let fromEnvironment = location(environment: ["PFC_CONFIG": "sub/env.json"])
        #expect(fromEnvironment.configFile?.source == .environment)
        #expect(try fromEnvironment.load().batchCheckIntervalMinutes == 20)
        #expect(fromEnvironment.fileToWrite.path == folder.path + "/sub/env.json")
        let fromFlag = location(config: "~/sub/flag.json", environment: ["PFC_CONFIG": "sub/env.json"])
        #expect(fromFlag.configFile?.file.path == folder.path + "/sub/flag.json", "~ is the home folder")
        #expect(try fromFlag.load().batchCheckIntervalMinutes == 10)
    }

    @Test func aNamedFileMustExistAndTheErrorSaysWhoNamedIt() {
        #expect(throws: ConfigError.missingFile(path: folder.path + "/nope.json", source: "PFC_CONFIG")) {
            try location(environment: ["PFC_CONFIG": "nope.json"]).load()
        }
        #expect(throws: ConfigError.missingFile(path: folder.path + "/nope.json", source: "--config")) {
            try location(config: "nope.json").load()
        }
    }

    @Test func theDatabaseFromTheFlagThenTheConfigThenTheImagesRoot() throws {
        let file = folder.appendingPathComponent("sub/config.json")
        try #"{"generated_images_path": "images"}"#.write(to: file, atomically: true, encoding: .utf8)
        #expect(try location(config: file.path).load().paths.database.path == folder.path + "/sub/images/metadata/jobs.sqlite3")
        try #"{"generated_images_path": "images", "jobs_database": "jobs.db"}"#.write(to: file, atomically: true, encoding: .utf8)
        #expect(try location(config: file.path).load().paths.database.path == folder.path + "/sub/jobs.db",
                "jobs_database is against the config's folder")
        let flagged = location(config: file.path, db: "other/jobs.db")
        #expect(flagged.databaseFile?.path == folder.path + "/other/jobs.db", "--db is against the current folder")
        #expect(try flagged.load().paths.database == flagged.databaseFile)
    }
}
