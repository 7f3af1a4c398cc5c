import Foundation
import JobStore
import PFCConfig

/// The config and job database a command works on, opened once per command.
struct CommandContext {
    let config: Config
    let store: JobStore

    /// Loads the config (exit 2 on a problem) and opens the database (exit 1 when it cannot be opened).
    static func open(_ options: GlobalOptions) throws -> CommandContext {
        try open(config: options.loadConfig())
    }

    /// For commands that only look or act on existing jobs: no database yet means no jobs, and
    /// looking must not create folders and a database under the images root. Nil in that case.
    static func openExisting(_ options: GlobalOptions) throws -> CommandContext? {
        let config = try options.loadConfig()
        guard FileManager.default.fileExists(atPath: config.paths.database.path) else { return nil }
        return try open(config: config)
    }

    private static func open(config: Config) throws -> CommandContext {
        do {
            let store = try JobStore(path: config.paths.database.path)
            return CommandContext(config: config, store: store)
        } catch let error as JobStoreError {
            throw CommandFailure.runtime(error.description)
        }
    }
}

/// Maps library errors that reach a command to the documented exit codes.
enum ErrorMapping {
    static func failure(for error: Error) -> CommandFailure {
        switch error {
        case let failure as CommandFailure: failure
        case JobStoreError.retryRequiresForce(let id): .configuration(JobStoreError.retryRequiresForce(id).description)
        case let error as CustomStringConvertible: .runtime(error.description)
        default: .runtime("\(error)")
        }
    }
}
