import ArgumentParser
import Foundation
import Scheduling

/// Where the schedule lives and whose crontab it is; shared by the `schedule` subcommands. Which target the
/// flags choose, and what installing or removing does there, is ``ScheduleTarget``'s.
struct ScheduleOptions: ParsableArguments {
    @Flag(name: .long, help: "Use a systemd user timer (~/.config/systemd/user) instead of the crontab.")
    var systemd = false

    @Flag(name: .long, help: "Use a launchd agent (~/Library/LaunchAgents, macOS) instead of the crontab.")
    var launchd = false

    @Option(name: .customLong("crontab-user"), help: ArgumentHelp("Edit this user's crontab (crontab -u; root only).",
                                                                 valueName: "user"))
    var crontabUser: String?

    @Option(name: .customLong("crontab-program"), help: .hidden)
    var crontabProgram: String?

    /// The crontab the flags name.
    var crontab: CrontabClient {
        CrontabClient(crontabPath: crontabProgram ?? CrontabClient.defaultCrontabPath(), user: crontabUser)
    }

    /// The target the flags choose (`--systemd` and `--launchd` together: exit 2).
    func target() throws(ScheduleError) -> ScheduleTarget {
        let home = URL(fileURLWithPath: ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory(), isDirectory: true)
        return try ScheduleTarget.chosen(systemd: systemd, launchd: launchd, crontab: crontab, home: home)
    }
}
