import Foundation
import JobStore
import OrderedJSON
import PFCConfig
import Scheduling
import Setup
import Testing
import TestSupport

/// `doctor` on a healthy installation and on each way one breaks: real config files, a real
/// SQLite database, a throwaway user's real crontab, and the real binary for exit codes and JSON.
@Suite(.serialized, .enabled(if: ThrowawayUser.canCreate, "needs root to create a throwaway user for the real crontab program"))
struct DoctorTests {
    static let allChecks = ["config", "api_key", "images_root", "database", "migrations", "schedule", "log",
                            "last_run", "stuck_leases", "near_expiry", "failed_jobs", "private_files"]

    func withHealthy(_ body: (Installation) throws -> Void) throws {
        let installation = try Installation.healthy()
        defer { installation.remove() }
        try body(installation)
    }

    @Test func healthySetupPassesEveryCheck() throws {
        try withHealthy { installation in
            let report = installation.doctor()
            #expect(report.checks.map(\.check.rawValue) == Self.allChecks)
            for check in report.checks { #expect(check.verdict == .pass, "\(check.check): \(check.detail)") }
            #expect(!report.hasFailures)
            #expect(!report.text.contains("test-key-123456"), "the key is never printed")
        }
    }

    @Test func healthySetupThroughTheBinaryExitsZeroAndPrintsJSON() throws {
        let installation = try Installation.empty()
        defer { installation.remove() }
        var environment = installation.environment
        environment["GEMINI_API_KEY"] = "binary-key-9"
        let configArguments = ["--config", installation.configFile.path, "--crontab-user", installation.user.name]
        let initialized = try runPFCJobs(["init", "--offline"] + configArguments, environment: environment, in: installation.home)
        #expect(initialized.status == 0, "\(initialized.error)")

        let text = try runPFCJobs(["doctor"] + configArguments, environment: installation.environment, in: installation.home)
        #expect(text.status == 0, "\(text.output)")
        #expect(text.output.contains("PASS  schedule"))
        #expect(text.output.contains("WARN  last_run"), "no run yet is a warning: \(text.output)")
        #expect(!text.output.contains("binary-key-9"))

        let json = try runPFCJobs(["doctor", "--json"] + configArguments, environment: installation.environment, in: installation.home)
        #expect(json.status == 0)
        let checks = try #require(try JSONValue.parse(json.output).arrayValue)
        #expect(checks.compactMap { $0.objectValue?["check"]?.stringValue } == Self.allChecks)
        let first = try #require(checks.first?.objectValue)
        #expect(first.keys == ["check", "status", "detail", "hint"])
        #expect(first["status"] == JSONValue("pass"))

        // Broken config: exit 1, the key named.
        try installation.editConfig("batch_check_interval_minutes", to: "\"often\"")
        let broken = try runPFCJobs(["doctor", "--json"] + configArguments, environment: installation.environment, in: installation.home)
        #expect(broken.status == 1)
        let brokenChecks = try #require(try JSONValue.parse(broken.output).arrayValue)
        let config = try #require(brokenChecks.first?.objectValue)
        #expect(config["status"] == JSONValue("fail"))
        #expect(config["detail"]?.stringValue?.contains("\"batch_check_interval_minutes\" must be a whole number") == true)
        #expect(config["hint"]?.stringValue != nil)
    }

    @Test func badConfigFails() throws {
        try withHealthy { installation in
            try installation.editConfig("lease_seconds", to: "5")
            let report = installation.doctor()
            #expect(report[.config]?.verdict == .fail)
            #expect(report[.config]?.detail.contains("lease_seconds") == true)
            #expect(report[.apiKey]?.verdict == .pass, "the key is still looked for beside the named config")
            #expect(report.hasFailures)
        }
    }

    @Test func missingKeyFailsAndAKeyOnlyInTheEnvironmentWarns() throws {
        try withHealthy { installation in
            try FileManager.default.removeItem(at: installation.dotEnv)
            let missing = installation.doctor()
            #expect(missing[.apiKey]?.verdict == .fail)
            #expect(missing[.apiKey]?.hint?.contains(installation.dotEnv.path) == true)
            var environment = installation.environment
            environment["GEMINI_API_KEY"] = "only-in-env"
            let envOnly = installation.doctor(environment: environment)
            #expect(envOnly[.apiKey]?.verdict == .warn)
            #expect(!envOnly.hasFailures)
            #expect(!envOnly.text.contains("only-in-env"))
        }
    }

    @Test func unwritableImagesRootFails() throws {
        try withHealthy { installation in
            // Root ignores permission bits, so use places no one can write: under /proc, and a file.
            try installation.editConfig("generated_images_path", to: "\"/proc/pfc-doctor-\(UUID().uuidString)\"")
            let underProc = installation.doctor()
            #expect(underProc[.imagesRoot]?.verdict == .fail, "\(underProc.text)")
            let file = installation.home.appendingPathComponent("not-a-folder")
            try Data("x".utf8).write(to: file)
            try installation.editConfig("generated_images_path", to: "\"\(file.path)\"")
            let aFile = installation.doctor()
            #expect(aFile[.imagesRoot]?.verdict == .fail)
            #expect(aFile[.imagesRoot]?.detail.contains("is a file") == true)
            try installation.editConfig("generated_images_path", to: "\"\(installation.home.path)/later/images\"")
            #expect(installation.doctor()[.imagesRoot]?.verdict == .warn, "missing but creatable")
        }
    }

    @Test func corruptDatabaseFails() throws {
        try withHealthy { installation in
            let database = try installation.config.paths.database
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database.path + suffix) }
            try Data(repeating: 0x5A, count: 8192).write(to: database)
            let report = installation.doctor()
            #expect(report[.database]?.verdict == .fail, "\(report.text)")
            #expect(report[.database]?.hint?.contains("import-json") == true)
            #expect(report[.stuckLeases] == nil, "job checks need a readable database")
            #expect(try Data(contentsOf: database) == Data(repeating: 0x5A, count: 8192), "doctor does not touch the file")
        }
    }

    @Test func databaseFromANewerPfcJobsFails() throws {
        try withHealthy { installation in
            // A later pfc-jobs's migration, applied by the package-internal migrator.
            let future = JobStore.migrations + [Migration(version: 999, name: "future", sql: "CREATE TABLE future_thing (x INTEGER)")]
            try JobStore(path: try installation.config.paths.database.path, migrations: future).close()
            let report = installation.doctor()
            #expect(report[.migrations]?.verdict == .fail)
            #expect(report[.migrations]?.detail.contains("999") == true)
        }
    }

    @Test func missingScheduleFails() throws {
        try withHealthy { installation in
            try installation.user.setCrontab("MAILTO=\"\"\n")
            let report = installation.doctor()
            #expect(report[.schedule]?.verdict == .fail)
            #expect(report[.schedule]?.hint?.contains("schedule install") == true)
        }
    }

    @Test func pythonEntryAlongsideOursFails() throws {
        try withHealthy { installation in
            let current = try installation.user.crontab()
            try installation.user.setCrontab(current + "*/30 * * * * /v/bin/python3 /p/batch_checker.py\n")
            let report = installation.doctor()
            #expect(report[.schedule]?.verdict == .fail)
            #expect(report[.schedule]?.detail.contains("Python checker") == true)
        }
    }

    @Test func intervalMismatchFails() throws {
        try withHealthy { installation in
            try installation.editConfig("batch_check_interval_minutes", to: "45")
            let report = installation.doctor()
            #expect(report[.schedule]?.verdict == .fail)
            #expect(report[.schedule]?.detail.contains("*/15 * * * *") == true, "\(report[.schedule]?.detail ?? "")")
            #expect(report[.schedule]?.hint?.contains("schedule sync") == true)
        }
    }

    @Test func stuckLeaseWarns() throws {
        try withHealthy { installation in
            let store = try installation.store()
            try store.importJobs([JobImport(id: "batches/stuck", status: .pending, submittedAt: Timestamp(Date()))], dryRun: false)
            // A run that claimed it three hours ago and died: its 600 s lease expired long ago.
            let claims = try store.claimDueJobs(owner: "dead:1", limit: 1, leaseSeconds: 600, now: Date().addingTimeInterval(-3 * 3600),
                                                onlyID: "batches/stuck")
            #expect(claims.count == 1)
            let report = installation.doctor()
            #expect(report[.stuckLeases]?.verdict == .warn)
            #expect(report[.stuckLeases]?.detail.contains("batches/stuck") == true)
            #expect(!report.hasFailures)
            // A lease that expired only a moment ago is normal.
            _ = try store.claimDueJobs(owner: "live:2", limit: 1, leaseSeconds: 600, now: Date().addingTimeInterval(-700),
                                     onlyID: "batches/stuck")
            #expect(installation.doctor()[.stuckLeases]?.verdict == .pass)
        }
    }

    @Test func jobNearTheFortyEightHourExpiryWarns() throws {
        try withHealthy { installation in
            let store = try installation.store()
            try store.importJobs([
                JobImport(id: "batches/old", status: .pending, submittedAt: Timestamp(Date().addingTimeInterval(-41 * 3600))),
                JobImport(id: "batches/young", status: .pending, submittedAt: Timestamp(Date().addingTimeInterval(-39 * 3600))),
                JobImport(id: "batches/done", status: .completed, submittedAt: Timestamp(Date().addingTimeInterval(-60 * 3600))),
            ], dryRun: false)
            let report = installation.doctor()
            let check = try #require(report[.nearExpiry])
            #expect(check.verdict == .warn)
            #expect(check.detail.hasPrefix("1 pending job(s)"))
            #expect(check.detail.contains("batches/old") && !check.detail.contains("batches/young"))
        }
    }

    @Test func failedJobsWarnAndAFailedRunFails() throws {
        try withHealthy { installation in
            let store = try installation.store()
            try store.importJobs([JobImport(id: "batches/f1", status: .failed), JobImport(id: "batches/f2", status: .failed),
                                  JobImport(id: "batches/ok", status: .completed)], dryRun: false)
            let report = installation.doctor()
            #expect(report[.failedJobs]?.verdict == .warn)
            #expect(report[.failedJobs]?.detail == "2 of 3 job(s) failed")
            #expect(!report.hasFailures)

            let run = try store.startRun(owner: "test:2")
            try store.finishRun(id: run, counts: RunCounts(), outcome: .failed, message: "cannot open the log")
            let failedRun = installation.doctor()
            #expect(failedRun[.lastRun]?.verdict == .fail)
            #expect(failedRun[.lastRun]?.detail.contains("cannot open the log") == true)
        }
    }

    @Test func readableSecretFilesWarn() throws {
        try withHealthy { installation in
            chmod(installation.dotEnv.path, 0o644)
            let report = installation.doctor()
            #expect(report[.privateFiles]?.verdict == .warn)
            #expect(report[.privateFiles]?.detail.contains(".env (0644)") == true)
        }
    }
}
