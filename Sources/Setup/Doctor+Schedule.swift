import Foundation
import PFCConfig
import Scheduling

extension Doctor {
    /// The crontab entry against the config (``ScheduleStatus``); a systemd timer or launchd agent
    /// written by `schedule install --systemd/--launchd` counts when it matches what would be written now.
    func scheduleCheck(_ config: Config, lastRun: Date?) -> DoctorCheck {
        guard let configFile = try? ScheduleTarget.configPath(of: config) else {
            return DoctorCheck(check: .schedule, verdict: .warn, detail: "nothing can be scheduled without a config file",
                               hint: "pfc-jobs init writes the config and installs the schedule")
        }
        let crontab: String
        do { crontab = try self.crontab.read() } catch {
            return DoctorCheck(check: .schedule, verdict: .fail, detail: "cannot read the crontab: \(Self.describe(error))",
                               hint: "install the Debian package cron (apt-get install cron)")
        }
        let status = ScheduleStatus(crontab: crontab, enabled: config.batchCheckEnabled,
                                    intervalMinutes: config.batchCheckIntervalMinutes, executablePath: executablePath,
                                    configPath: configFile, lastRun: lastRun, now: now)
        if config.batchCheckEnabled, status.installedLine == nil, !status.hasLegacyEntry,
           let other = otherSchedulerCheck(config, configPath: configFile) {
            return other
        }
        guard status.matchesConfig else {
            let hint = status.installedLine == nil && status.enabled && !status.hasLegacyEntry
                ? "pfc-jobs schedule install --config '\(configFile)'"
                : "pfc-jobs schedule sync --config '\(configFile)' (rewrites the entry for this binary and config)"
            return DoctorCheck(check: .schedule, verdict: .fail, detail: status.mismatches.joined(separator: "; "), hint: hint)
        }
        guard config.batchCheckEnabled else {
            return DoctorCheck(check: .schedule, verdict: .pass,
                               detail: "checking is disabled (batch_check_enabled: false) and nothing is scheduled")
        }
        var detail = "crontab runs check \(status.plan.description)"
        if let next = status.nextRun { detail += ", next \(Self.format(next))" }
        return DoctorCheck(check: .schedule, verdict: .pass, detail: detail)
    }

    /// A systemd user timer or launchd agent in the home folder (``ScheduleTarget/unitTargets(home:)``), compared
    /// with what `schedule install` would write for this config; nil when there is neither.
    func otherSchedulerCheck(_ config: Config, configPath: String) -> DoctorCheck? {
        let interval = config.batchCheckIntervalMinutes
        for target in ScheduleTarget.unitTargets(home: URL(fileURLWithPath: home, isDirectory: true)) {
            guard let unit = target.installedUnit(intervalMinutes: interval, executablePath: executablePath,
                                                  configPath: configPath) else { continue }
            guard unit.matches else {
                return DoctorCheck(check: .schedule, verdict: .fail,
                                   detail: "\(target.name) \(unit.file.path) does not match the config (interval \(interval) min, this binary, this config)",
                                   hint: "pfc-jobs schedule install \(target.flag ?? "") --config '\(configPath)'")
            }
            return DoctorCheck(check: .schedule, verdict: .pass, detail: "\(target.name) \(unit.file.path) runs check every \(interval) min")
        }
        return nil
    }
}
