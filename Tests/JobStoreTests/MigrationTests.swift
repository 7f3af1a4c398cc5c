import Foundation
import Testing
@testable import JobStore

@Suite("Migrations") struct MigrationTests {
    @Test func freshDatabaseIsCreatedPrivateAndFullyMigrated() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("metadata/nested/jobs.sqlite3")
        let store = try JobStore(path: path)

        #expect(try store.schemaVersion == JobStore.latestSupportedVersion)
        #expect(JobStore.latestSupportedVersion >= 2)
        #expect(try store.appliedMigrations().map(\.version) == Array(1...JobStore.latestSupportedVersion))
        #expect(try store.integrityCheck() == [])
        #expect(try store.jobs().isEmpty)

        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path("metadata/nested"))[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
    }

    @Test func olderDatabaseIsUpgradedKeepingItsData() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("jobs.sqlite3")
        let first = Array(JobStore.migrations.prefix(1))
        do {
            let old = try JobStore(path: path, migrations: first)
            #expect(try old.schemaVersion == 1)
            _ = try old.importJobs([JobImport(id: "batches/old", status: .pending, checkCount: 3,
                                          requestMetadataJSON: #"{"prompt":"frog"}"#)], dryRun: false, now: t0)
            try old.close()
        }
        let store = try JobStore(path: path)
        #expect(try store.schemaVersion == JobStore.latestSupportedVersion)
        #expect(try store.appliedMigrations().map(\.name) == JobStore.migrations.map(\.name))
        let job = try #require(try store.job(id: "old"))
        #expect(job.checkCount == 3)
        #expect(job.requestMetadataJSON == #"{"prompt":"frog"}"#)
        #expect(try store.events(jobID: "old").map(\.kind.rawValue) == ["imported"])
        #expect(try store.integrityCheck() == [])
        // Reopening applies nothing twice.
        try store.close()
        #expect(try JobStore(path: path).appliedMigrations().count == JobStore.migrations.count)
    }

    @Test func databaseFromANewerVersionIsRefusedAndLeftUntouched() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("jobs.sqlite3")
        let future = JobStore.migrations + [Migration(version: JobStore.latestSupportedVersion + 1, name: "future",
                                                      sql: "CREATE TABLE future_things (x INTEGER) STRICT;")]
        do {
            let newer = try JobStore(path: path, migrations: future)
            try seedJobs(newer, count: 3)
            try newer.close()
        }
        let before = try fileBytes(path)

        #expect(throws: JobStoreError.databaseTooNew(path: path, found: JobStore.latestSupportedVersion + 1,
                                                     supported: JobStore.latestSupportedVersion)) {
            _ = try JobStore(path: path)
        }
        #expect(try fileBytes(path) == before)
        let message = JobStoreError.databaseTooNew(path: path, found: 3, supported: 2).description
        #expect(message.contains("newer pfc-jobs") && message.contains(path))
    }

    @Test func fileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("jobs.sqlite3")
        let garbage = Data(String(repeating: "not a database, just text\n", count: 200).utf8)
        try garbage.write(to: URL(fileURLWithPath: path))

        do {
            _ = try JobStore(path: path)
            Issue.record("opening a text file as a database should fail")
        } catch let JobStoreError.cannotOpen(failedPath, reason) {
            #expect(failedPath == path)
            #expect(!reason.isEmpty)
        }
        #expect(try fileBytes(path) == garbage)
    }

    @Test func embeddedMigrationsEqualTheFilesOnDisk() throws {
        let folder = repositoryRoot.appendingPathComponent("migrations")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        #expect(!names.isEmpty)
        #expect(names == JobStore.migrations.map(\.fileName),
                "migrations/ and the embedded set differ: rerun scripts/embed-migrations")
        for migration in JobStore.migrations {
            let onDisk = try String(contentsOf: folder.appendingPathComponent(migration.fileName), encoding: .utf8)
            #expect(onDisk == migration.sql, "\(migration.fileName) changed: rerun scripts/embed-migrations")
        }
        #expect(JobStore.migrations.map(\.version) == Array(1...JobStore.migrations.count))
    }
}
