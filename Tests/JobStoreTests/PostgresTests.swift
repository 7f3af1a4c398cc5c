import Foundation
import PostgresClient
import Testing
import TestSupport
@testable import JobStore

/// What only the PostgreSQL backend has: URLs without passwords, reconnecting, locks across machines, the server's clock.
@Suite("PostgreSQL backend") struct PostgresTests {
    @Test func aURLWithAPasswordIsRefusedWithoutShowingIt() throws {
        for url in ["postgresql://pfc:s3cret-pw@127.0.0.1:1/jobs", "postgres://pfc@127.0.0.1:1/jobs?sslmode=require&password=s3cret-pw"] {
            do {
                _ = try JobStore(path: url)
                Issue.record("a URL with a password should be refused")
            } catch let error as JobStoreError {
                let text = error.description
                #expect(text.contains("PGPASSWORD") && text.contains("~/.pgpass"), "\(text)")
                #expect(!text.contains("s3cret-pw"), "the password leaked: \(text)")
            }
        }
        #expect(PostgresURL.redact("postgresql://u:pw@h/db?password=pw&sslmode=require") == "postgresql://u:***@h/db?password=***&sslmode=require")
    }

    @Test(.enabled(if: TestBackend.serverURL != nil, TestBackend.skipReason))
    func anUnreachableServerIsAClearError() throws {
        do {
            _ = try JobStore(path: "postgresql://pfc@127.0.0.1:1/none?connect_timeout=2")
            Issue.record("nothing listens on port 1")
        } catch let JobStoreError.cannotOpen(path, reason) {
            #expect(path == "postgresql://pfc@127.0.0.1:1/none?connect_timeout=2")
            #expect(reason.contains("cannot connect"), "\(reason)")
        }
    }

    @Test(.enabled(if: TestBackend.serverURL != nil, TestBackend.skipReason))
    func aDroppedConnectionIsRemadeAndTheNextCallWorks() throws {
        let database = try TestDatabase(.postgresql)
        let store = try database.open()
        try seedJobs(store, count: 3)
        let name = try #require(database.databaseName)
        try TestDatabase.admin { admin in
            let killed = try admin.execute("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()
                """, [name])
            #expect(killed.int64(0, 0) == 1)
        }
        #expect(try store.jobs().count == 3)
        let claims = try store.claimDueJobs(owner: "after-drop", limit: 5, leaseSeconds: 60, now: t0)
        #expect(claims.count == 3)
    }

    @Test(.enabled(if: TestBackend.serverURL != nil, TestBackend.skipReason))
    func theExportLockExcludesAnotherMachineUntilReleased() throws {
        let database = try TestDatabase(.postgresql)
        let here = try database.open()
        let there = try database.open()   // another process, another machine: another connection
        let lock = try here.lockAcrossMachines("tracking-export:/srv/images/metadata/tracking.json", timeoutSeconds: 1)
        let started = Date()
        #expect(throws: JobStoreError.lockTimeout(name: "tracking-export:/srv/images/metadata/tracking.json", seconds: 0.3)) {
            _ = try there.lockAcrossMachines("tracking-export:/srv/images/metadata/tracking.json", timeoutSeconds: 0.3)
        }
        #expect(Date().timeIntervalSince(started) >= 0.3)
        // Another file's export is not held back.
        try there.lockAcrossMachines("tracking-export:/elsewhere.json", timeoutSeconds: 0).unlock()
        lock.unlock()
        try there.lockAcrossMachines("tracking-export:/srv/images/metadata/tracking.json", timeoutSeconds: 0).unlock()
    }

    @Test func onSQLiteTheLockAcrossMachinesIsFree() throws {
        let database = try TestDatabase(.sqlite)
        let first = try database.open().lockAcrossMachines("x", timeoutSeconds: 0)
        try database.open().lockAcrossMachines("x", timeoutSeconds: 0).unlock()
        first.unlock()
        #expect(try database.open().serverStatus() == nil)
    }

    @Test(.enabled(if: TestBackend.serverURL != nil, TestBackend.skipReason))
    func theServerReportsItsVersionAndAClockThatAgreesWithOurs() throws {
        let database = try TestDatabase(.postgresql)
        let status = try #require(try database.open().serverStatus())
        #expect(status.version.first?.isNumber == true)
        #expect(abs(status.clockOffsetSeconds) < 2, "same machine: \(status)")
    }

    @Test(arguments: TestBackend.available) func imageRecordsNameTheHostThatWroteThem(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 1)
        let claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0).first)
        try store.upsertPendingImages(claim, [ImageRequest(key: "req_0", index: 0), ImageRequest(key: "req_1", index: 1)], now: t0)
        try store.markImageDone(claim, key: "req_0", files: ImageFiles(originalPath: "a.png", bytes: 1, sha256: "00"), now: t0)
        try store.markImageFailed(claim, key: "req_1", error: "corrupt", now: t0)
        #expect(!JobStore.hostName.isEmpty && JobStore.hostName != "unknown")
        #expect(try store.images(jobID: claim.jobID).map(\.writtenBy) == [JobStore.hostName, JobStore.hostName])
    }
}
