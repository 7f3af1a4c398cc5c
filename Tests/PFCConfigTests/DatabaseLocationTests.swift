import Foundation
import Testing
import PFCConfig

/// `jobs_database` and `--db` name a SQLite file or a PostgreSQL server; a password never rides in the URL.
@Suite struct DatabaseLocationTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-dblocation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func location(db: String? = nil) -> ConfigLocation {
        ConfigLocation(configPath: nil, databasePath: db, environment: ["HOME": folder.path], currentDirectory: folder.path)
    }

    func writeConfig(_ text: String) throws {
        try text.write(to: folder.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
    }

    @Test func aServerURLInTheConfigOrInDbIsKeptAsTheURL() throws {
        let url = "postgresql://pfc@db.studio:5432/jobs?sslmode=require"
        try writeConfig(#"{"jobs_database": "\#(url)"}"#)
        let paths = try location().load().paths
        #expect(paths.databaseIsServer)
        #expect(paths.databaseLocation == url)
        let fromFlag = try location(db: "postgres://other@10.0.0.2/jobs").load().paths
        #expect(fromFlag.databaseLocation == "postgres://other@10.0.0.2/jobs")
        // A path is still a file, made absolute against the config's folder.
        try writeConfig(#"{"jobs_database": "data/jobs.sqlite3"}"#)
        let file = try location().load().paths
        #expect(!file.databaseIsServer)
        #expect(file.databaseLocation == folder.appendingPathComponent("data/jobs.sqlite3").path)
    }

    @Test func aPasswordInTheURLIsRefusedNamingTheKeyAndNotShown() throws {
        try writeConfig(#"{"jobs_database": "postgresql://pfc:hunter2@db/jobs"}"#)
        do {
            _ = try location().load()
            Issue.record("a password in jobs_database should be refused")
        } catch {
            #expect(error.description.contains("jobs_database") && error.description.contains("PGPASSWORD"), "\(error)")
            #expect(!error.description.contains("hunter2"), "\(error)")
        }
        try writeConfig("{}")
        do {
            _ = try location(db: "postgresql://pfc@db/jobs?password=hunter2").load()
            Issue.record("a password in --db should be refused")
        } catch {
            #expect(error.description.contains("--db") && !error.description.contains("hunter2"), "\(error)")
        }
    }

    @Test func thePasswordComesFromDotEnvWhenTheEnvironmentHasNone() throws {
        let saved = ProcessInfo.processInfo.environment[DatabaseLocation.passwordVariable]
        defer { if let saved { setenv(DatabaseLocation.passwordVariable, saved, 1) } else { unsetenv(DatabaseLocation.passwordVariable) } }
        unsetenv(DatabaseLocation.passwordVariable)
        try "GEMINI_API_KEY=abc\nPGPASSWORD='from dot env'\n".write(to: folder.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        try writeConfig(#"{"jobs_database": "postgresql://pfc@db/jobs"}"#)
        _ = try location().load()
        #expect(ProcessInfo.processInfo.environment[DatabaseLocation.passwordVariable] == "from dot env")
    }
}
