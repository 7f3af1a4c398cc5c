import Foundation
import Testing
import TestSupport
@testable import JobStore

@Suite("Legacy import") struct ImportTests {
    let submitted = Timestamp(microsecondsSinceEpoch: 1_770_498_000_123_456)

    /// A store holding one pending, one completed and one failed job.
    func storeWithBaseline(_ database: TestDatabase) throws -> JobStore {
        let store = try database.open()
        let summary = try store.importJobs([
            JobImport(id: "batches/pending", status: .pending, submittedAt: submitted, checkCount: 2,
                      requestMetadataJSON: #"{"prompt":"a frog"}"#),
            JobImport(id: "batches/done", status: .completed, remoteState: "BATCH_STATE_SUCCEEDED",
                      submittedAt: submitted, lastCheckedAt: submitted.adding(seconds: 60),
                      completedAt: submitted.adding(seconds: 60), checkCount: 5),
            JobImport(id: "batch_20260207_210000", status: .failed, checkCount: 1,
                      legacyExtraJSON: #"{"note":"old"}"#),
        ], dryRun: false, now: t0)
        #expect(summary.inserted == 3 && summary.updated == 0 && summary.unchanged == 0)
        return store
    }

    @Test(arguments: TestBackend.available) func newEntriesAreInsertedWithExactTimesAndDueNow(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try storeWithBaseline(database)
        let job = try #require(try store.job(id: "pending"))
        #expect(job.id == "batches/pending")
        #expect(job.status == .pending)
        #expect(job.submittedAt?.microsecondsSinceEpoch == 1_770_498_000_123_456)
        #expect(job.checkCount == 2)
        #expect(job.nextCheckAt == Timestamp(t0))
        #expect(job.requestMetadataJSON == #"{"prompt":"a frog"}"#)
        #expect(try store.job(id: "batch_20260207_210000")?.legacyExtraJSON == #"{"note":"old"}"#)
        #expect(try store.events(jobID: "pending").map(\.kind.rawValue) == ["imported"])
    }

    @Test(arguments: TestBackend.available) func mergeRulesNeverRegressTheDatabase(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try storeWithBaseline(database)
        let summary = try store.importJobs([
            // Terminal replaces pending; the newer check time and larger count are taken.
            JobImport(id: "batches/pending", status: .completed, remoteState: "BATCH_STATE_SUCCEEDED",
                      submittedAt: submitted, lastCheckedAt: submitted.adding(seconds: 30),
                      completedAt: submitted.adding(seconds: 30), checkCount: 4),
            // Pending never replaces completed; older times and a smaller count change nothing.
            JobImport(id: "batches/done", status: .pending, submittedAt: submitted, lastCheckedAt: submitted,
                      completedAt: submitted, checkCount: 1),
            // One terminal status does not replace another; new extra fields are taken.
            JobImport(id: "batch_20260207_210000", status: .completed, checkCount: 1,
                      legacyExtraJSON: #"{"note":"new"}"#),
            JobImport(id: "batches/brand-new", status: .pending),
        ], dryRun: false, now: t0.plus(10))

        #expect(summary.outcome(for: "batches/pending") == .updated)
        #expect(summary.outcome(for: "batches/done") == .unchanged)
        #expect(summary.outcome(for: "batch_20260207_210000") == .updated)
        #expect(summary.outcome(for: "batches/brand-new") == .inserted)
        #expect((summary.inserted, summary.updated, summary.unchanged) == (1, 2, 1))

        let pending = try #require(try store.job(id: "batches/pending"))
        #expect(pending.status == .completed)
        #expect(pending.remoteState == "BATCH_STATE_SUCCEEDED")
        #expect(pending.checkCount == 4)
        #expect(pending.lastCheckedAt == submitted.adding(seconds: 30))
        #expect(pending.requestMetadataJSON == #"{"prompt":"a frog"}"#, "a NULL incoming value keeps the stored one")
        #expect(pending.updatedAt == Timestamp(t0.plus(10)))

        let done = try #require(try store.job(id: "batches/done"))
        #expect(done.status == .completed)
        #expect(done.checkCount == 5)
        #expect(done.lastCheckedAt == submitted.adding(seconds: 60))
        #expect(done.updatedAt == Timestamp(t0), "an unchanged row is not written")

        let legacy = try #require(try store.job(id: "batch_20260207_210000"))
        #expect(legacy.status == .failed)
        #expect(legacy.legacyExtraJSON == #"{"note":"new"}"#)
        #expect(try store.events(jobID: "batches/pending").map(\.kind.rawValue) == ["imported", "import-updated"])
    }

    @Test(arguments: TestBackend.available) func reimportingTheSameDataChangesNothing(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        let entries = (0..<300).map { n in
            JobImport(id: n % 2 == 0 ? "batches/b\(n)" : "batch_legacy_\(n)",
                      status: n % 3 == 0 ? .completed : .pending,
                      submittedAt: submitted.adding(seconds: Double(n)), checkCount: n % 7,
                      requestMetadataJSON: n % 5 == 0 ? nil : #"{"prompt":"p\#(n)"}"#,
                      legacyExtraJSON: n % 11 == 0 ? #"{"x":\#(n)}"# : nil)
        }
        #expect(try store.importJobs(entries, dryRun: false, now: t0).inserted == 300)
        let before = try store.jobs(order: .id)
        let eventsBefore = try store.events(jobID: "b0")

        let again = try store.importJobs(entries, dryRun: false, now: t0.plus(3600))
        #expect(again.unchanged == 300)
        #expect(again.inserted == 0 && again.updated == 0)
        #expect(try store.jobs(order: .id) == before)
        #expect(try store.events(jobID: "b0") == eventsBefore)
    }

    /// SQLite: the file stays byte-identical; PostgreSQL: every job and history row stays as it was.
    @Test(arguments: TestBackend.available) func dryRunReportsTheOutcomeAndLeavesTheDatabaseIdentical(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        try storeWithBaseline(database).close()
        let before = try database.contents()

        let store = try database.open()
        let entries = [
            JobImport(id: "batches/pending", status: .failed, checkCount: 9),
            JobImport(id: "batches/done", status: .completed, checkCount: 5),
            JobImport(id: "batches/new", status: .pending),
        ]
        let dry = try store.importJobs(entries, dryRun: true, now: t0.plus(5))
        #expect(dry.dryRun)
        #expect((dry.inserted, dry.updated, dry.unchanged) == (1, 1, 1))
        #expect(try store.job(id: "batches/new") == nil)
        #expect(try store.job(id: "batches/pending")?.status == .pending)
        try store.close()
        #expect(try database.contents() == before)

        // The real run gives what the dry run announced.
        let real = try database.open().importJobs(entries, dryRun: false, now: t0.plus(5))
        #expect(real.outcomes.map(\.outcome) == dry.outcomes.map(\.outcome))
    }

    @Test(arguments: TestBackend.available) func failingImportRollsBackEverything(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try storeWithBaseline(database)
        let before = try store.jobs(order: .id)
        #expect(throws: (any Error).self) {
            // The second entry violates the schema (invalid JSON text); the first must not stay behind.
            _ = try store.importJobs([JobImport(id: "batches/first", status: .pending),
                                      JobImport(id: "batches/second", status: .pending, requestMetadataJSON: "{not json")],
                                     dryRun: false, now: t0)
        }
        #expect(try store.jobs(order: .id) == before)
    }

    @Test(arguments: TestBackend.available) func insertMissingJobsAddsOnlyUnknownIds(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try storeWithBaseline(database)
        let before = try #require(try store.job(id: "batches/pending"))
        let inserted = try store.insertMissingJobs([
            JobImport(id: "batches/pending", status: .completed, checkCount: 99),
            JobImport(id: "batches/appended", status: .pending),
        ], now: t0.plus(1))
        #expect(inserted == ["batches/appended"])
        #expect(try store.job(id: "batches/pending") == before)
        #expect(try store.job(id: "appended")?.status == .pending)
    }

    @Test(arguments: TestBackend.available) func terminalImportTakesThePendingJobAwayFromItsHolder(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try storeWithBaseline(database)
        let claim = try #require(try store.claimDueJobs(owner: "checker", limit: 1, leaseSeconds: 60, now: t0,
                                                        onlyID: "pending").first)
        _ = try store.importJobs([JobImport(id: "batches/pending", status: .completed)], dryRun: false, now: t0.plus(1))
        #expect(throws: JobStoreError.leaseLost("batches/pending")) {
            try store.finish(claim, status: .failed, error: "late", now: t0.plus(2))
        }
        let job = try #require(try store.job(id: "batches/pending"))
        #expect(job.status == .completed && job.leaseOwner == nil && job.lastError == nil)
    }
}
