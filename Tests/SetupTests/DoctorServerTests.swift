import Foundation
import JobStore
import PFCConfig
@testable import Setup
import Testing
import TestSupport

/// `doctor` on a PostgreSQL job store: reachable, its version, the clocks' agreement, the schema version.
@Suite struct DoctorServerTests {
    static let skipReason = Comment(rawValue: TestBackend.skipReasonText)

    func databaseChecks(jobsDatabase: String) throws -> [DoctorCheck] {
        let home = try TemporaryFolder()
        let config = home.appending("config.json")
        try #"{"generated_images_path": "\#(home.path)/images", "jobs_database": "\#(jobsDatabase)"}"#
            .write(to: config, atomically: true, encoding: .utf8)
        let doctor = Doctor(configPath: config.path, environment: ["HOME": home.path], currentDirectory: home.path)
        return doctor.databaseChecks(try ConfigLocation(configPath: config.path, environment: ["HOME": home.path],
                                                        currentDirectory: home.path).load()).checks
    }

    @Test(.enabled(if: TestBackend.serverURL != nil, skipReason))
    func aReachableServerPassesWithItsVersionClockAndSchema() throws {
        let database = try TestDatabase(.postgresql)
        let checks = try databaseChecks(jobsDatabase: database.location)
        #expect(checks.allSatisfy { $0.verdict == .pass }, "\(checks)")
        #expect(checks.contains { $0.check == .database && $0.detail.contains("PostgreSQL") && $0.detail.contains(database.location) })
        #expect(checks.contains { $0.check == .database && $0.detail.contains("clock") })
        #expect(checks.contains { $0.check == .migrations && $0.detail.contains("schema version \(JobStore.latestSupportedVersion)") })
    }

    @Test func anUnreachableServerFailsWithAFix() throws {
        let checks = try databaseChecks(jobsDatabase: "postgresql://pfc@127.0.0.1:1/jobs?connect_timeout=2")
        let failure = try #require(checks.first)
        #expect(checks.count == 1 && failure.check == .database && failure.verdict == .fail, "\(checks)")
        #expect(failure.hint?.contains("PGPASSWORD") == true)
    }

    @Test(.enabled(if: TestBackend.serverURL != nil, skipReason))
    func aServerMigratedByANewerPfcJobsFailsTheMigrationsCheck() throws {
        let database = try TestDatabase(.postgresql)
        let future = database.migrations + [Migration(version: JobStore.latestSupportedVersion + 1, name: "future",
                                                      sql: "CREATE TABLE future_things (x INTEGER);")]
        try database.open(migrations: future).close()
        let checks = try databaseChecks(jobsDatabase: database.location)
        #expect(checks.map(\.check) == [.migrations] && checks.first?.verdict == .fail, "\(checks)")
    }
}
