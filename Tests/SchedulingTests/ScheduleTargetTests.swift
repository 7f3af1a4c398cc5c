import Foundation
import PFCConfig
import Testing
import Scheduling

/// The one switch between the crontab, a systemd user timer and a launchd agent: what `schedule install/remove`
/// do through it, and what `doctor` reads back through it.
@Suite struct ScheduleTargetTests {
    let binary = "/usr/local/bin/pfc-jobs"
    let configPath = "/home/me/config.json"

    func temporaryHome() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-target-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func theFlagsChooseOneTarget() throws {
        let home = URL(fileURLWithPath: "/home/me")
        let crontab = CrontabClient(crontabPath: "/usr/bin/crontab")
        #expect(try ScheduleTarget.chosen(systemd: false, launchd: false, crontab: crontab, home: home).flag == nil)
        #expect(try ScheduleTarget.chosen(systemd: true, launchd: false, crontab: crontab, home: home).flag == "--systemd")
        #expect(try ScheduleTarget.chosen(systemd: false, launchd: true, crontab: crontab, home: home).name == "launchd agent")
        #expect(throws: ScheduleError.conflictingTargets) {
            try ScheduleTarget.chosen(systemd: true, launchd: true, crontab: crontab, home: home)
        }
    }

    @Test(arguments: ["systemd", "launchd"])
    func installReadBackAndRemoveAUnit(kind: String) throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let target: ScheduleTarget = kind == "systemd" ? .systemd(home: home) : .launchd(home: home)
        #expect(target.installedUnit(intervalMinutes: 45, executablePath: binary, configPath: configPath) == nil)

        let said = try target.install(intervalMinutes: 45, executablePath: binary, configPath: configPath)
        #expect(said.hasPrefix("wrote ") && said.contains("every 45 min\nactivate with:\n  "), "\(said)")
        let unit = try #require(target.installedUnit(intervalMinutes: 45, executablePath: binary, configPath: configPath))
        #expect(unit.matches)
        #expect(said.contains(unit.file.path))
        // Another interval, binary or config: installed, but not what install would write now.
        #expect(target.installedUnit(intervalMinutes: 90, executablePath: binary, configPath: configPath)?.matches == false)
        #expect(target.installedUnit(intervalMinutes: 45, executablePath: "/opt/pfc-jobs", configPath: configPath)?.matches == false)

        #expect(try target.remove().hasPrefix("removed \(kind == "systemd" ? "" : unit.file.path)"))
        #expect(target.installedUnit(intervalMinutes: 45, executablePath: binary, configPath: configPath) == nil)
        #expect(try target.remove().hasPrefix("no pfc-jobs"))
    }

    @Test func badInputIsRefusedBeforeAnythingIsWritten() throws {
        let home = try temporaryHome()
        defer { try? FileManager.default.removeItem(at: home) }
        let target = ScheduleTarget.systemd(home: home)
        #expect(throws: ScheduleError.intervalOutOfRange(4)) {
            try target.install(intervalMinutes: 4, executablePath: binary, configPath: configPath)
        }
        #expect(throws: ScheduleError.pathNotAbsolute("config.json")) {
            try target.install(intervalMinutes: 45, executablePath: binary, configPath: "config.json")
        }
        #expect(!FileManager.default.fileExists(atPath: SystemdUserTimer.unitFolder(home: home).path))
        // A schedule names a config file, never the built-in defaults.
        #expect(throws: ScheduleError.noConfigFile) { try ScheduleTarget.configPath(of: Config.defaults(home: "/h")) }
    }
}
