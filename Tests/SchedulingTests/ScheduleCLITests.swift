import Foundation
import OrderedJSON
import Testing
import TestSupport

/// The `pfc-jobs schedule` commands as a user runs them: the real binary (found next to the
/// test bundle), a real config file, and the real crontab of a throwaway user.
@Suite(.serialized, .enabled(if: ThrowawayUser.canCreate, "needs root to create a throwaway user for the real crontab program"))
struct ScheduleCLITests {
    static var binary: URL {
        Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("pfc-jobs")
    }

    @Test func installStatusSyncAndRemoveThroughTheBinary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-cli \(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.json")
        try Data("""
            {
              "generated_images_path": "\(folder.path)/images",
              "batch_check_enabled": false,
              "batch_check_interval_minutes": 30,
              "wordpress": {"site": "x"}
            }
            """.utf8).write(to: config)
        let user = try ThrowawayUser.create()
        defer { user.delete() }
        try user.setCrontab("MAILTO=\"\"\n# PeeperFrog Create batch checker\n*/30 * * * * /v/bin/python3 /p/batch_checker.py 2>&1\n")
        let binary = Self.binary.path
        func pfcJobs(_ arguments: String...) throws -> (status: Int32, output: String) {
            try ThrowawayUser.run(binary, ["schedule"] + arguments + ["--config", config.path, "--crontab-user", user.name])
        }

        #expect(try pfcJobs("status").status == 1)  // disabled, Python entry still there
        let install = try pfcJobs("install", "--interval", "90")
        #expect(install.status == 0, "\(install.output)")
        #expect(try user.crontab() == "MAILTO=\"\"\n# pfc-jobs batch checker (managed by pfc-jobs schedule)\n"
                + "*/30 * * * * \(binary) check --scheduled --config '\(config.path)'\n")
        let saved = try JSONValue.parse(Data(contentsOf: config)).objectValue!
        #expect(saved.keys == ["generated_images_path", "batch_check_enabled", "batch_check_interval_minutes", "wordpress"])
        #expect(saved["batch_check_interval_minutes"] == JSONValue(90))
        #expect(saved["batch_check_enabled"] == JSONValue(true))

        let status = try pfcJobs("status")
        #expect(status.status == 0, "\(status.output)")
        #expect(status.output.contains("matches:   yes"))

        #expect(try pfcJobs("install", "--interval", "4").status == 2)
        #expect(try pfcJobs("install", "--systemd", "--launchd").status == 2)

        var text = try String(contentsOf: config, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"batch_check_enabled\": true", with: "\"batch_check_enabled\": false")
        try Data(text.utf8).write(to: config)
        #expect(try pfcJobs("sync").status == 0)
        #expect(try user.crontab() == "MAILTO=\"\"\n")
        #expect(try pfcJobs("remove").status == 0)
        #expect(try user.crontab() == "MAILTO=\"\"\n")
    }
}
