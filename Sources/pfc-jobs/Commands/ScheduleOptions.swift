import ArgumentParser
import Foundation
import PFCConfig
import Scheduling

/// Where the schedule lives and whose crontab it is; shared by the `schedule` subcommands.
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

    enum Target { case cron, systemd, launchd }

    func target() throws -> Target {
        switch (systemd, launchd) {
        case (true, true): throw CommandFailure.configuration("--systemd and --launchd cannot be used together")
        case (true, false): return .systemd
        case (false, true): return .launchd
        case (false, false): return .cron
        }
    }

    var scheduler: CronScheduler {
        CronScheduler(client: CrontabClient(crontabPath: crontabProgram ?? CrontabClient.defaultCrontabPath(),
                                            user: crontabUser))
    }

    var home: URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory(), isDirectory: true)
    }

    /// The config file the scheduled run will read; a schedule needs a file, not built-in defaults.
    static func configFile(of config: Config) throws -> String {
        guard let file = config.sourceFile else {
            throw CommandFailure.configuration(
                "no config file to schedule: pass --config PATH, set PFC_CONFIG, or run `pfc-jobs init`")
        }
        return file.standardizedFileURL.path
    }

    /// Runs a library call, mapping its errors onto the documented exit codes.
    static func mappingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as CommandFailure {
            throw failure
        } catch let error as ScheduleError {
            switch error {
            case .intervalOutOfRange, .pathNotAbsolute, .pathUnusableInSchedule:
                throw CommandFailure.configuration(error.description)
            case .crontabFailed, .crontabNotFound, .unitFileFailed:
                throw CommandFailure.runtime(error.description)
            }
        } catch let error as ConfigFileEditorError {
            throw CommandFailure.configuration(error.description)
        } catch {
            throw CommandFailure.runtime("\(error)")
        }
    }

    /// Installs or updates the schedule for `interval` on the chosen target and prints what happened.
    func install(intervalMinutes: Int, configPath: String) throws {
        let executable = ExecutableLocator.currentExecutablePath()
        let plan = SchedulePlan.forInterval(intervalMinutes)
        switch try target() {
        case .cron:
            let outcome = try scheduler.install(CrontabEntry(plan: plan, executablePath: executable, configPath: configPath))
            print("\(outcome): \(plan)")
        case .systemd:
            let written = try SystemdUserTimer(plan: plan, executablePath: executable, configPath: configPath).install(home: home)
            print("wrote \(written.map(\.path).joined(separator: " and ")): every \(intervalMinutes) min")
            print("activate with:\n" + SystemdUserTimer.activationCommands.map { "  " + $0 }.joined(separator: "\n"))
        case .launchd:
            let file = try LaunchdAgent(intervalMinutes: intervalMinutes, executablePath: executable, configPath: configPath)
                .install(home: home)
            print("wrote \(file.path): every \(intervalMinutes) min")
            print("activate with:\n" + LaunchdAgent.activationCommands.map { "  " + $0 }.joined(separator: "\n"))
        }
    }

    /// Removes the schedule from the chosen target and prints what happened.
    func remove() throws {
        switch try target() {
        case .cron:
            print(try scheduler.remove())
        case .systemd:
            let removed = try SystemdUserTimer.remove(home: home)
            if removed.isEmpty { print("no pfc-jobs systemd units to remove") } else {
                print("removed \(removed.map(\.path).joined(separator: " and "))")
                print("then run:\n" + SystemdUserTimer.deactivationCommands.map { "  " + $0 }.joined(separator: "\n"))
            }
        case .launchd:
            print(try LaunchdAgent.remove(home: home) ? "removed \(LaunchdAgent.plistFile(home: home).path)"
                                                      : "no pfc-jobs launchd agent to remove")
        }
    }
}
