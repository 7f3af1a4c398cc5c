import Foundation
import OrderedJSON
import PFCConfig
import Testing
@testable import Scheduling

private func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-schedule-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Test func systemdUnitsRunTheCheckerOnTheBaseCadencePersistently() throws {
    let home = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: home) }
    let units = try SystemdUserTimer(plan: .forInterval(45), executablePath: "/opt/pfc jobs/pfc-jobs",
                                     configPath: "/home/me/100% \"real\"/config.json")
    let written = try units.install(home: home)
    #expect(written.map(\.path) == [
        home.path + "/.config/systemd/user/pfc-jobs-check.service",
        home.path + "/.config/systemd/user/pfc-jobs-check.timer",
    ])
    let service = try String(contentsOf: written[0], encoding: .utf8)
    #expect(service.contains("Type=oneshot\n"))
    #expect(service.contains(#"ExecStart="/opt/pfc jobs/pfc-jobs" check --scheduled --config "/home/me/100%% \"real\"/config.json""# + "\n"))
    let timer = try String(contentsOf: written[1], encoding: .utf8)
    #expect(timer.contains("OnCalendar=*-*-* *:00/15:00\n"))
    #expect(timer.contains("Persistent=true\n"))
    #expect(timer.contains("Unit=pfc-jobs-check.service\n"))
    #expect(timer.contains("WantedBy=timers.target\n"))

    #expect(try SystemdUserTimer.remove(home: home).count == 2)
    #expect(try SystemdUserTimer.remove(home: home).isEmpty)
}

@Test func systemdCalendarMatchesEachCadence() throws {
    let cases: [(Int, String)] = [(5, "*-*-* *:00/5:00"), (7, "*-*-* *:*:00"), (60, "*-*-* *:00:00"),
                                  (300, "*-*-* *:00:00"), (180, "*-*-* 00/3:00:00"), (1440, "*-*-* 00:00:00")]
    for (interval, calendar) in cases {
        let units = try SystemdUserTimer(plan: .forInterval(interval), executablePath: "/b", configPath: "/c")
        #expect(units.onCalendar == calendar, "interval \(interval)")
    }
}

@Test func launchdPlistUsesTheIntervalInSeconds() throws {
    let home = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: home) }
    let agent = try LaunchdAgent(intervalMinutes: 45, executablePath: "/Applications/pfc <jobs>/pfc-jobs",
                                 configPath: "/Users/me/A & B/config.json")
    let file = try agent.install(home: home)
    #expect(file.path == home.path + "/Library/LaunchAgents/com.peeperfrog.pfc-jobs.check.plist")
    let plist = try String(contentsOf: file, encoding: .utf8)
    #expect(plist.contains("<key>StartInterval</key>\n    <integer>2700</integer>"))
    #expect(plist.contains("<string>/Applications/pfc &lt;jobs&gt;/pfc-jobs</string>\n        <string>check</string>\n        <string>--config</string>\n        <string>/Users/me/A &amp; B/config.json</string>"))
    // Foundation reads it back as a property list with the same values.
    let parsed = try PropertyListSerialization.propertyList(from: Data(plist.utf8), format: nil) as? [String: Any]
    #expect(parsed?["StartInterval"] as? Int == 2700)
    #expect(parsed?["ProgramArguments"] as? [String] == ["/Applications/pfc <jobs>/pfc-jobs", "check", "--config", "/Users/me/A & B/config.json"])
    #expect(try LaunchdAgent.remove(home: home))
    #expect(!(try LaunchdAgent.remove(home: home)))
}

@Test func intervalUpdateKeepsOtherKeysAndTheirOrder() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("config.json")
    let original = """
        {
          "generated_images_path": "~/Pictures/ai-generated-images",
          "batch_check_enabled": true,
          "batch_check_interval_minutes": 30,
          "api_delay_seconds": 3,
          "wordpress": {"zeta": 1, "alpha": [1.50, "x"]},
          "debug": false
        }
        """
    try Data(original.utf8).write(to: file)
    #expect(try ConfigFileEditor.set(intervalMinutes: 45, in: file))
    let updated = try JSONValue.parse(Data(contentsOf: file)).objectValue!
    #expect(updated.keys == ["generated_images_path", "batch_check_enabled", "batch_check_interval_minutes",
                             "api_delay_seconds", "wordpress", "debug"])
    #expect(updated["batch_check_interval_minutes"] == JSONValue(45))
    #expect(updated["wordpress"]?.objectValue?.keys == ["zeta", "alpha"])
    #expect(updated["wordpress"]?["alpha"]?.arrayValue?.first?.numberValue?.literal == "1.50")
    // The lead's loader reads the new value back.
    #expect(try Config.read(file: file, home: "/home/me").batchCheckIntervalMinutes == 45)
    // Same value again: nothing to write.
    let before = try Data(contentsOf: file)
    #expect(!(try ConfigFileEditor.set(intervalMinutes: 45, in: file)))
    #expect(try Data(contentsOf: file) == before)
    // No temporary files left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["config.json"])
}

@Test func intervalUpdateAddsMissingKeysAtTheEndAndRejectsBadInput() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("config.json")
    try Data(#"{"debug": true}"#.utf8).write(to: file)
    try ConfigFileEditor.set(intervalMinutes: 90, enabled: true, in: file)
    #expect(try JSONValue.parse(Data(contentsOf: file)).objectValue?.keys
            == ["debug", "batch_check_interval_minutes", "batch_check_enabled"])
    #expect(throws: ScheduleError.intervalOutOfRange(2)) { try ConfigFileEditor.set(intervalMinutes: 2, in: file) }
    try Data("[1]".utf8).write(to: file)
    #expect(throws: ConfigFileEditorError(path: file.path, reason: "the config must be a JSON object")) {
        try ConfigFileEditor.set(intervalMinutes: 90, in: file)
    }
}

@Test func statusReportsMatchesAndEveryMismatch() throws {
    let binary = "/usr/bin/pfc-jobs", config = "/etc/pfc/config.json"
    let now = ISO8601DateFormatter().date(from: "2026-03-01T10:07:00Z")!
    var utc = Calendar(identifier: .gregorian)
    utc.timeZone = TimeZone(identifier: "UTC")!
    let installed = CrontabEditor.installing(
        try CrontabEntry(plan: .forInterval(30), executablePath: binary, configPath: config), into: "MAILTO=x\n")

    let good = ScheduleStatus(crontab: installed, enabled: true, intervalMinutes: 30, executablePath: binary,
                              configPath: config, lastRun: nil, now: now, calendar: utc)
    #expect(good.matchesConfig)
    #expect(good.nextRun == ISO8601DateFormatter().date(from: "2026-03-01T10:30:00Z"))
    #expect(good.report(timeZone: TimeZone(identifier: "UTC")!).contains("next run:  2026-03-01 10:30:00 +00:00"))

    let wrong = ScheduleStatus(crontab: installed + userCrontab, enabled: true, intervalMinutes: 45,
                               executablePath: "/elsewhere/pfc-jobs", configPath: "/other.json",
                               lastRun: nil, now: now, calendar: utc)
    #expect(wrong.mismatches.count == 4)
    #expect(wrong.mismatches[0].contains("*/15 * * * *"))

    let disabled = ScheduleStatus(crontab: installed, enabled: false, intervalMinutes: 30, executablePath: binary,
                                  configPath: config, lastRun: nil, now: now, calendar: utc)
    #expect(!disabled.matchesConfig)
    let missing = ScheduleStatus(crontab: "", enabled: true, intervalMinutes: 30, executablePath: binary,
                                 configPath: config, lastRun: nil, now: now, calendar: utc)
    #expect(missing.mismatches == ["batch_check_enabled is true but no crontab entry is installed (run: pfc-jobs schedule sync)"])
    #expect(missing.nextRun == nil)
}
