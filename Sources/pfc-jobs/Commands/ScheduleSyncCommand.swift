import ArgumentParser
import Scheduling

/// `pfc-jobs schedule sync [--systemd|--launchd]`
struct ScheduleSyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Make the schedule follow config.json: installed when batch_check_enabled is true, removed when false."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var schedule: ScheduleOptions

    func run() throws {
        try reportingFailures {
            try ScheduleOptions.mappingErrors {
                let config = try global.loadConfig()
                _ = try schedule.target()
                if config.batchCheckEnabled {
                    try schedule.install(intervalMinutes: config.batchCheckIntervalMinutes,
                                         configPath: try ScheduleOptions.configFile(of: config))
                } else {
                    try schedule.remove()
                }
            }
        }
    }
}
