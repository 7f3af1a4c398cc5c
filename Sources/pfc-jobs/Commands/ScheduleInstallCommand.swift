import ArgumentParser
import Foundation
import PFCConfig
import Scheduling

/// `pfc-jobs schedule install [--interval N] [--systemd|--launchd]`
struct ScheduleInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Schedule `check` at the config's interval (replaces the Python checker's cron entry).",
        discussion: "--interval also saves batch_check_interval_minutes in config.json; other keys keep their order."
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var schedule: ScheduleOptions

    @Option(name: .long, help: ArgumentHelp("Minutes between runs, \(Config.intervalRange).", valueName: "minutes"))
    var interval: Int?

    func run() throws {
        let config = try options.loadConfig()
        let configPath = try ScheduleTarget.configPath(of: config)
        let target = try schedule.target()
        let minutes = interval ?? config.batchCheckIntervalMinutes
        try SchedulePlan.validate(intervalMinutes: minutes)
        // Installing means "enabled": keep the config saying so, or `schedule sync` would undo it.
        let enable: Bool? = config.batchCheckEnabled ? nil : true
        if interval != nil || enable != nil {
            if try ConfigFileEditor.set(intervalMinutes: minutes, enabled: enable, in: URL(fileURLWithPath: configPath)) {
                print("updated \(configPath): batch_check_interval_minutes \(minutes)" + (enable != nil ? ", batch_check_enabled true" : ""))
            }
        }
        print(try target.install(intervalMinutes: minutes, executablePath: ExecutableLocator.currentExecutablePath(),
                                 configPath: configPath))
    }
}
