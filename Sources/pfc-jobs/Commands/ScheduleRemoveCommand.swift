import ArgumentParser
import Scheduling

/// `pfc-jobs schedule remove [--systemd|--launchd]`
struct ScheduleRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove pfc-jobs' scheduled `check` (other crontab lines stay as they are)."
    )

    /// Not read (removing needs no config), but taken so `schedule remove --config …` works like its siblings.
    @OptionGroup var options: GlobalOptions
    @OptionGroup var schedule: ScheduleOptions

    func run() throws {
        print(try schedule.target().remove())
    }
}
