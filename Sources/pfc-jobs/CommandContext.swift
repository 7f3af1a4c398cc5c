import Foundation
import JobStore
import PFCConfig

/// The config and job database a command works on: the config loaded once, the database opened once.
/// Errors are thrown as they are; `PFCJobs.main` maps them (a config problem exits 2, a database one 1).
///
/// ```swift
/// let options = try GlobalOptions.parse(["--config", "/home/me/config.json"])
/// let config = try options.loadConfig()
/// let context = try CommandContext.open(config: config)
/// ```
struct CommandContext {
    let config: Config
    let store: JobStore

    /// Loads the config and opens (or creates) the database.
    static func open(_ options: GlobalOptions) throws -> CommandContext {
        try open(config: options.loadConfig())
    }

    /// Opens (or creates) the database of a config already loaded.
    static func open(config: Config) throws -> CommandContext {
        CommandContext(config: config, store: try JobStore(path: config.paths.databaseLocation))
    }

    /// For commands that only look or act on existing jobs: no database yet means no jobs, and
    /// looking must not create folders and a database under the images root. Nil in that case.
    static func openExisting(_ options: GlobalOptions) throws -> CommandContext? {
        try openExisting(config: options.loadConfig())
    }

    /// ``openExisting(_:)`` for a config already loaded.
    static func openExisting(config: Config) throws -> CommandContext? {
        guard config.paths.databaseIsServer || FileManager.default.fileExists(atPath: config.paths.database.path) else { return nil }
        return try open(config: config)
    }
}
