import ArgumentParser

/// `pfc-jobs schedule ...`: keeps the periodic `check` run (crontab, systemd timer or launchd
/// agent) in line with config.json.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Install, remove, sync or inspect the periodic `check` run.",
        discussion: """
        Intervals that divide 60 minutes, or whole hours dividing a day, run exactly from cron. Any other \
        interval (45, 90, 100, ...) fires at the largest such cadence dividing it, and `check` skips a firing \
        when less than the interval has passed since the last completed run (a `check --job` run does not count).
        """,
        subcommands: [ScheduleInstallCommand.self, ScheduleRemoveCommand.self, ScheduleStatusCommand.self,
                      ScheduleSyncCommand.self]
    )
}
