import Foundation
import PostgresClient

/// What `jobs_database` and `--db` may name: a SQLite file (a path) or a PostgreSQL server shared by several
/// machines (`postgresql://user@host:port/dbname?sslmode=...`). A server URL stays a `URL` whose text is the URL
/// itself; its password is refused wherever it could hide, and comes from `PGPASSWORD` (the environment or
/// `.env`) or `~/.pgpass`, which libpq reads itself.
///
/// ```swift
/// let database = try DatabaseLocation.parse("postgresql://pfc@db/jobs", file: "config.json", key: "jobs_database") { URL(fileURLWithPath: $0) }
/// print(RootLayout(config: config).databaseLocation)   // what JobStore(path:) opens
/// ```
public enum DatabaseLocation {
    /// The variable libpq takes the password from; `.env` may provide it too.
    public static let passwordVariable = "PGPASSWORD"

    public static func isServerURL(_ text: String) -> Bool { PostgresURL.isPostgresURL(text) }

    /// A server URL as given (checked), else `resolve(text)` (a file path made absolute).
    static func parse(_ text: String, file: String, key: String, resolve: (String) -> URL) throws(ConfigError) -> URL {
        guard isServerURL(text) else { return resolve(text) }
        do {
            _ = try PostgresURL(text)
        } catch {
            throw .outOfRange(path: file, key: key, value: PostgresURL.redact(text),
                              allowed: "a file path or a postgresql:// URL without a password (put the password in "
                                  + "PGPASSWORD, in the environment or .env, or in ~/.pgpass)")
        }
        guard let url = URL(string: text) else {
            throw .outOfRange(path: file, key: key, value: PostgresURL.redact(text), allowed: "a valid postgresql:// URL")
        }
        return url
    }

    /// What `JobStore(path:)` opens for `database`: the file's path, or the server URL's text.
    public static func storeLocation(_ database: URL) -> String {
        database.isFileURL ? database.path : database.absoluteString
    }

    /// For a server database: when the environment has no `PGPASSWORD`, takes it from `.env` beside the config
    /// file or in the current folder (as the API key), into this process's environment, where libpq looks.
    public static func exportPasswordFromDotEnv(environment: [String: String], configFile: URL?, currentDirectory: String) {
        guard environment[passwordVariable] == nil else { return }
        var candidates: [URL] = []
        if let configFile { candidates.append(configFile.deletingLastPathComponent().appendingPathComponent(".env")) }
        candidates.append(URL(fileURLWithPath: currentDirectory).appendingPathComponent(".env"))
        for file in candidates {
            if let text = try? String(contentsOf: file, encoding: .utf8), let password = DotEnv.parse(text)[passwordVariable] {
                setenv(passwordVariable, password, 1)
                return
            }
        }
    }
}
