import ArgumentParser
import Scheduling

/// `pfc-jobs schedule sync [--systemd|--launchd]`
struct ScheduleSyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Make the schedule follow config.json: installed when batch_check_enabled is true, removed when false."
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var schedule: ScheduleOptions

    func run() throws {
        let config = try options.loadConfig()
        let target = try schedule.target()
        if config.batchCheckEnabled {
            print(try target.install(intervalMinutes: config.batchCheckIntervalMinutes,
                                     executablePath: ExecutableLocator.currentExecutablePath(),
                                     configPath: try ScheduleTarget.configPath(of: config)))
        } else {
            print(try target.remove())
        }
    }
}
