import ArgumentParser
import Foundation
import PFCConfig

/// Options every command takes, declared once and shared through `@OptionGroup`.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The config file. Default: $PFC_CONFIG, else ./config.json if present, else built-in defaults.",
        valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The job database (overrides config key jobs_database).", valueName: "path"))
    var db: String?

    /// The loaded configuration; a config problem exits with status 2 and names the file and key.
    func loadConfig() throws -> Config {
        do {
            var loaded = try Config.load(explicitPath: config)
            if let db {
                loaded.jobsDatabase = URL(fileURLWithPath: db, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)).standardizedFileURL
            }
            return loaded
        } catch {
            throw CommandFailure.configuration(error.description)
        }
    }
}
