import ArgumentParser

/// `pfc-jobs schedule remove [--systemd|--launchd]`
struct ScheduleRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove pfc-jobs' scheduled `check` (other crontab lines stay as they are)."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var schedule: ScheduleOptions

    func run() throws {
        try reportingFailures {
            try ScheduleOptions.mappingErrors { try schedule.remove() }
        }
    }
}
