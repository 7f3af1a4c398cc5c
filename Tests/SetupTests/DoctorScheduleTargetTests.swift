import Foundation
import Scheduling
import Setup
import Testing

/// `doctor`'s schedule check reads a systemd timer or launchd agent back through the same ``ScheduleTarget``
/// that `schedule install --systemd/--launchd` wrote it with, so the two cannot disagree about what matches.
@Suite struct DoctorScheduleTargetTests {
    let binary = "/usr/local/bin/pfc-jobs"

    @Test(arguments: ["systemd", "launchd"])
    func anInstalledUnitPassesUntilTheConfigMovesOn(kind: String) throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-doctor-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let config = home.appendingPathComponent("config.json")
        func writeConfig(interval: Int) throws {
            try #"{"generated_images_path": "\#(home.path)/images", "batch_check_interval_minutes": \#(interval)}"#
                .write(to: config, atomically: true, encoding: .utf8)
        }
        try writeConfig(interval: 30)
        let target: ScheduleTarget = kind == "systemd" ? .systemd(home: home) : .launchd(home: home)
        _ = try target.install(intervalMinutes: 30, executablePath: binary, configPath: config.path)
        // An empty crontab (`true -l` prints nothing): the unit in the home folder is the schedule.
        func scheduleCheck() -> DoctorCheck? {
            Doctor(configPath: config.path, environment: ["HOME": home.path], currentDirectory: home.path,
                   crontab: CrontabClient(crontabPath: "/bin/true"), executablePath: binary).run()[.schedule]
        }

        let passing = try #require(scheduleCheck())
        #expect(passing.verdict == .pass, "\(passing.detail)")
        #expect(passing.detail.hasPrefix("\(target.name) ") && passing.detail.contains("every 30 min"), "\(passing.detail)")

        try writeConfig(interval: 45)
        let stale = try #require(scheduleCheck())
        #expect(stale.verdict == .fail, "\(stale.detail)")
        #expect(stale.detail.contains("does not match the config (interval 45 min"), "\(stale.detail)")
        #expect(stale.hint?.contains("pfc-jobs schedule install \(target.flag!) --config '\(config.path)'") == true, "\(stale.hint ?? "")")
    }
}
