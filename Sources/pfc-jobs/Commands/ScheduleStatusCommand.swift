import ArgumentParser
import Foundation
import Scheduling

/// `pfc-jobs schedule status`: exit 0 when the crontab matches the config, 1 when it does not.
struct ScheduleStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the crontab entry, interval, next and last run, and whether it matches the config.",
        discussion: "Exit status 0 when the entry matches the config, 1 when it does not."
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var schedule: ScheduleOptions

    func run() throws {
        let config = try options.loadConfig()
        let configPath = try ScheduleTarget.configPath(of: config)
        // The gate measures from a run's start, so that is the time shown. No database yet: no run yet.
        let lastRun = try CommandContext.openExisting(config: config)?.store.lastCompletedRun()?.startedAt.date
        let status = ScheduleStatus(crontab: try schedule.crontab.read(), enabled: config.batchCheckEnabled,
                                    intervalMinutes: config.batchCheckIntervalMinutes,
                                    executablePath: ExecutableLocator.currentExecutablePath(),
                                    configPath: configPath, lastRun: lastRun, now: Date())
        print(status.report())
        if !status.matchesConfig { throw ExitCode.runtimeFailure }
    }
}
