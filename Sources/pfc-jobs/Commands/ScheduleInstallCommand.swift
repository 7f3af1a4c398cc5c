import ArgumentParser
import Scheduling

/// `pfc-jobs schedule install [--interval N] [--systemd|--launchd]`
struct ScheduleInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Schedule `check` at the config's interval (replaces the Python checker's cron entry).",
        discussion: "--interval also saves batch_check_interval_minutes in config.json; other keys keep their order."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var schedule: ScheduleOptions

    @Option(name: .long, help: ArgumentHelp("Minutes between runs, 5...1440.", valueName: "minutes"))
    var interval: Int?

    func run() throws {
        try reportingFailures {
            try ScheduleOptions.mappingErrors {
                let config = try global.loadConfig()
                let configPath = try ScheduleOptions.configFile(of: config)
                _ = try schedule.target()
                let minutes = interval ?? config.batchCheckIntervalMinutes
                try SchedulePlan.validate(intervalMinutes: minutes)
                // Installing means "enabled": keep the config saying so, or `schedule sync` would undo it.
                let enable: Bool? = config.batchCheckEnabled ? nil : true
                if interval != nil || enable != nil {
                    if try ConfigFileEditor.set(intervalMinutes: minutes, enabled: enable, in: config.sourceFile!) {
                        print("updated \(configPath): batch_check_interval_minutes \(minutes)"
                              + (enable != nil ? ", batch_check_enabled true" : ""))
                    }
                }
                try schedule.install(intervalMinutes: minutes, configPath: configPath)
            }
        }
    }
}
