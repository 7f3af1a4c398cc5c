import Foundation
import PFCConfig
import Scheduling

extension Doctor {
    /// The crontab entry against the config (``ScheduleStatus``); a systemd timer or launchd agent
    /// written by `schedule install --systemd/--launchd` counts when it matches what would be written now.
    func scheduleCheck(_ config: Config, lastRun: Date?) -> DoctorCheck {
        guard let configFile = config.sourceFile?.standardizedFileURL.path else {
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

    /// A systemd user timer or launchd agent in the home folder, compared with what `schedule
    /// install` would write for this config; nil when there is neither.
    func otherSchedulerCheck(_ config: Config, configPath: String) -> DoctorCheck? {
        let homeURL = URL(fileURLWithPath: home, isDirectory: true)
        let interval = config.batchCheckIntervalMinutes
        let folder = SystemdUserTimer.unitFolder(home: homeURL)
        let service = folder.appendingPathComponent(SystemdUserTimer.serviceName)
        let timer = folder.appendingPathComponent(SystemdUserTimer.timerName)
        if FileProbe.kind(timer) == .file {
            let expected = try? SystemdUserTimer(plan: .forInterval(interval), executablePath: executablePath, configPath: configPath)
            let matches = expected.map { unit in
                (try? String(contentsOf: service, encoding: .utf8)) == unit.serviceContent
                    && (try? String(contentsOf: timer, encoding: .utf8)) == unit.timerContent
            } ?? false
            return matches
                ? DoctorCheck(check: .schedule, verdict: .pass, detail: "systemd user timer \(timer.path) runs check every \(interval) min")
                : DoctorCheck(check: .schedule, verdict: .fail,
                              detail: "systemd user timer \(timer.path) does not match the config (interval \(interval) min, this binary, this config)",
                              hint: "pfc-jobs schedule install --systemd --config '\(configPath)'")
        }
        let plist = LaunchdAgent.plistFile(home: homeURL)
        if FileProbe.kind(plist) == .file {
            let expected = try? LaunchdAgent(intervalMinutes: interval, executablePath: executablePath, configPath: configPath)
            let matches = expected.map { (try? String(contentsOf: plist, encoding: .utf8)) == $0.plistContent } ?? false
            return matches
                ? DoctorCheck(check: .schedule, verdict: .pass, detail: "launchd agent \(plist.path) runs check every \(interval) min")
                : DoctorCheck(check: .schedule, verdict: .fail, detail: "launchd agent \(plist.path) does not match the config",
                              hint: "pfc-jobs schedule install --launchd --config '\(configPath)'")
        }
        return nil
    }
}
