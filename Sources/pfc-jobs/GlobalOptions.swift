import ArgumentParser
import PFCConfig

/// Options every command takes, declared once and shared through `@OptionGroup var options`.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The config file. Default: $PFC_CONFIG, else ./config.json if present, else built-in defaults.",
        valueName: "path"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("The job database (overrides config key jobs_database).", valueName: "path"))
    var db: String?

    /// Where the config and the database are (``ConfigLocation``'s order), from these options.
    var location: ConfigLocation { ConfigLocation(configPath: config, databasePath: db) }

    /// The loaded configuration with `--db` applied. A ``ConfigError`` names the file and key; `PFCJobs.main`
    /// turns it into exit 2.
    func loadConfig() throws(ConfigError) -> Config {
        try location.load()
    }
}
