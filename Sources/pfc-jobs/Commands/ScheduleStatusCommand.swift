import ArgumentParser
import Foundation
import JobStore
import Scheduling

/// `pfc-jobs schedule status`: exit 0 when the crontab matches the config, 1 when it does not.
struct ScheduleStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the crontab entry, interval, next and last run, and whether it matches the config.",
        discussion: "Exit status 0 when the entry matches the config, 1 when it does not."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var schedule: ScheduleOptions

    func run() throws {
        let status = try reportingFailures {
            try ScheduleOptions.mappingErrors {
                let config = try global.loadConfig()
                let configPath = try ScheduleOptions.configFile(of: config)
                // The gate measures from a run's start, so that is the time shown. No database yet: no run yet.
                let lastRun = FileManager.default.fileExists(atPath: config.paths.database.path)
                    ? try JobStore(path: config.paths.database.path).lastCompletedRun()?.startedAt.date : nil
                return ScheduleStatus(crontab: try schedule.scheduler.client.read(), enabled: config.batchCheckEnabled,
                                      intervalMinutes: config.batchCheckIntervalMinutes,
                                      executablePath: ExecutableLocator.currentExecutablePath(),
                                      configPath: configPath, lastRun: lastRun, now: Date())
            }
        }
        print(status.report())
        if !status.matchesConfig { throw ExitCode.runtimeFailure }
    }
}
