import Foundation
import Testing
import JobStore

/// The operator commands as a person or a script runs them: the real `pfc-jobs` binary (next to the
/// test bundle), a real config, database and legacy tracking file in a temporary home.
@Suite struct OperatorCommandTests {
    static var binary: URL {
        Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("pfc-jobs")
    }

    struct Home {
        let root: URL
        var config: URL { root.appendingPathComponent("config.json") }
        var images: URL { root.appendingPathComponent("images") }
        var tracking: URL { images.appendingPathComponent("metadata/batch_jobs_tracking.json") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }

        var database: URL { images.appendingPathComponent("metadata/jobs.sqlite3") }

        /// Runs `pfc-jobs ARGS` with HOME here and no key (unless `environment` gives one); returns exit status,
        /// stdout, stderr.
        func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
            let process = Process()
            process.executableURL = OperatorCommandTests.binary
            process.arguments = arguments
            process.environment = ["HOME": root.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"].merging(environment) { $1 }
            process.currentDirectoryURL = root
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let output = out.fileHandleForReading.readDataToEndOfFile()
            let error = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
        }

        func writeConfig(_ extra: String = "") throws {
            try #"{"generated_images_path": "\#(images.path)"\#(extra)}"#.write(to: config, atomically: true, encoding: .utf8)
        }

        func writeTracking(_ entries: [String: (status: String, retrieved: Bool)]) throws {
            try FileManager.default.createDirectory(at: tracking.deletingLastPathComponent(), withIntermediateDirectories: true)
            var object: [String: Any] = [:]
            for (id, entry) in entries {
                object[id] = ["batch_job_id": id, "status": entry.status, "submitted_at": "2026-02-07T21:00:00.123456",
                              "last_checked": NSNull(), "completed_at": NSNull(), "retrieved": entry.retrieved,
                              "check_count": 2, "wordpress_post": 7]
            }
            try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: tracking)
        }
    }

    @Test func usageAndConfigurationErrorsExitTwoAndNameTheProblem() throws {
        let home = try Home()
        let badOption = try home.run(["list", "--limit", "lots"])
        #expect(badOption.status == 2)
        #expect(badOption.err.contains("--limit"))
        #expect(try home.run(["no-such-command"]).status == 2)

        try home.writeConfig(#", "batch_check_interval_minutes": 2"#)
        let badConfig = try home.run(["list", "--config", home.config.path])
        #expect(badConfig.status == 2)
        #expect(badConfig.err.contains(home.config.path))
        #expect(badConfig.err.contains("batch_check_interval_minutes"))

        let missing = try home.run(["list", "--config", home.root.appendingPathComponent("nope.json").path])
        #expect(missing.status == 2)
        #expect(missing.err.contains("nope.json"))
    }

    @Test func lookingAtAnEmptySetupCreatesNothing() throws {
        let home = try Home()
        try home.writeConfig()
        let list = try home.run(["list", "--config", home.config.path, "--json"])
        #expect(list.status == 0)
        #expect(list.out.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let show = try home.run(["show", "abc", "--config", home.config.path])
        #expect(show.status == 1)
        #expect(show.err.contains("no job with id 'abc'"))
        #expect(!FileManager.default.fileExists(atPath: home.images.path), "list/show created files")
    }

    @Test func importListShowRetryAsAScriptSeesThem() throws {
        let home = try Home()
        try home.writeConfig()
        try home.writeTracking(["batches/aaa111": ("pending", false), "batches/bbb222": ("failed", true),
                                "batch_20260207_210000": ("completed", true)])
        let first = try home.run(["import-json", "--config", home.config.path])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("3 new, 0 updated, 0 unchanged, 0 skipped"))
        let second = try home.run(["import-json", "--config", home.config.path])
        #expect(second.out.contains("0 new, 0 updated, 3 unchanged"))
        #expect(second.out.contains("Nothing to change"))

        let list = try home.run(["list", "--config", home.config.path, "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.out.utf8)) as? [[String: Any]])
        #expect(rows.count == 3)
        for field in ["id", "status", "remote_state", "submitted_at", "last_checked", "completed_at", "retrieved",
                      "check_count", "attempts", "last_error", "image_count"] {
            #expect(rows.allSatisfy { $0.keys.contains(field) }, "list --json lacks \(field)")
        }
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] as! String, $0) })
        #expect(byID["batches/bbb222"]?["status"] as? String == "failed")
        #expect(byID["batch_20260207_210000"]?["status"] as? String == "completed")
        #expect(byID["batches/aaa111"]?["retrieved"] as? Bool == false)

        let pendingOnly = try home.run(["list", "--config", home.config.path, "--status", "pending"])
        #expect(pendingOnly.out.contains("batches/aaa111"))
        #expect(!pendingOnly.out.contains("bbb222"))

        // The bare suffix names the job; a failed job is made due again.
        let show = try home.run(["show", "bbb222", "--config", home.config.path, "--json"])
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(show.out.utf8)) as? [String: Any])
        #expect(shown["id"] as? String == "batches/bbb222")
        #expect((shown["history"] as? [Any])?.isEmpty == false)
        let retry = try home.run(["retry", "bbb222", "--config", home.config.path])
        #expect(retry.status == 0)
        #expect(retry.out.contains("failed -> pending"))
        // A completed job is retrieved again only when asked to.
        let refused = try home.run(["retry", "batch_20260207_210000", "--config", home.config.path])
        #expect(refused.status == 2)
        #expect(refused.err.contains("--force"))
        #expect(try home.run(["retry", "batch_20260207_210000", "--force", "--config", home.config.path]).status == 0)
        #expect(try home.run(["retry", "nope", "--config", home.config.path]).status == 1)

        // export-json writes the legacy file back with the unknown field kept.
        #expect(try home.run(["export-json", "--config", home.config.path]).status == 0)
        let exported = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: home.tracking)) as? [String: [String: Any]])
        #expect(exported["batches/aaa111"]?["wordpress_post"] as? Int == 7)
        #expect(exported["batches/bbb222"]?["status"] as? String == "pending")
        #expect(exported["batches/bbb222"]?["retrieved"] as? Bool == false)
    }
}
