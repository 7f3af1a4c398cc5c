import Foundation
import Testing
import TestSupport
@testable import JobStore

@Suite("Migrations") struct MigrationTests {
    @Test(arguments: TestBackend.available) func freshDatabaseIsCreatedPrivateAndFullyMigrated(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let folder = database.folder
        let path = backend == .sqlite ? folder.path("metadata/nested/jobs.sqlite3") : database.location
        let store = try JobStore(path: path)
        #expect(store.backend == backend.storeBackend)

        #expect(try store.schemaVersion == JobStore.latestSupportedVersion)
        #expect(JobStore.latestSupportedVersion >= 2)
        #expect(try store.appliedMigrations().map(\.version) == Array(1...JobStore.latestSupportedVersion))
        #expect(try store.integrityCheck() == [])
        #expect(try store.jobs().isEmpty)
        guard backend == .sqlite else { return }

        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path("metadata/nested"))[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(folderMode == 0o700)
    }

    @Test(arguments: TestBackend.available) func olderDatabaseIsUpgradedKeepingItsData(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let first = Array(database.migrations.prefix(1))
        do {
            let old = try database.open(migrations: first)
            #expect(try old.schemaVersion == 1)
            _ = try old.importJobs([JobImport(id: "batches/old", status: .pending, checkCount: 3,
                                          requestMetadataJSON: #"{"prompt":"frog"}"#)], dryRun: false, now: t0)
            try old.close()
        }
        let store = try database.open()
        #expect(try store.schemaVersion == JobStore.latestSupportedVersion)
        #expect(try store.appliedMigrations().map(\.name) == JobStore.migrations.map(\.name))
        let job = try #require(try store.job(id: "old"))
        #expect(job.checkCount == 3)
        #expect(job.requestMetadataJSON == #"{"prompt":"frog"}"#)
        #expect(try store.events(jobID: "old").map(\.kind.rawValue) == ["imported"])
        #expect(try store.integrityCheck() == [])
        // Reopening applies nothing twice.
        try store.close()
        #expect(try database.open().appliedMigrations().count == JobStore.migrations.count)
    }

    @Test(arguments: TestBackend.available) func databaseFromANewerVersionIsRefusedAndLeftUntouched(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let path = database.location
        let strict = backend == .sqlite ? " STRICT" : ""
        let future = database.migrations + [Migration(version: JobStore.latestSupportedVersion + 1, name: "future",
                                                      sql: "CREATE TABLE future_things (x INTEGER)\(strict);")]
        do {
            let newer = try database.open(migrations: future)
            try seedJobs(newer, count: 3)
            try newer.close()
        }
        let before = try database.contents()

        #expect(throws: JobStoreError.databaseTooNew(path: path, found: JobStore.latestSupportedVersion + 1,
                                                     supported: JobStore.latestSupportedVersion)) {
            _ = try JobStore(path: path)
        }
        #expect(try database.contents() == before)
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

    @Test(arguments: StoreBackend.allCases) func embeddedMigrationsEqualTheFilesOnDisk(_ backend: StoreBackend) throws {
        let folder = Repository.url(backend == .sqlite ? "migrations" : "migrations/\(backend.rawValue)")
        let migrations = JobStore.migrations(for: backend)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        #expect(!names.isEmpty)
        #expect(names == migrations.map(\.fileName),
                "\(folder.path) and the embedded set differ: rerun scripts/embed-migrations")
        for migration in migrations {
            let onDisk = try String(contentsOf: folder.appendingPathComponent(migration.fileName), encoding: .utf8)
            #expect(onDisk == migration.sql, "\(migration.fileName) changed: rerun scripts/embed-migrations")
        }
        #expect(migrations.map(\.version) == Array(1...migrations.count))
        // One for one with the SQLite set, so a version means the same schema on both.
        #expect(migrations.map(\.fileName) == JobStore.migrations.map(\.fileName))
    }
}
