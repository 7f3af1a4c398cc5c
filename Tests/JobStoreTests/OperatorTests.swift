import Foundation
import Testing
import TestSupport
@testable import JobStore

@Suite("Operator actions, intents and runs") struct OperatorTests {
    @Test(arguments: TestBackend.available) func retryMakesFailedJobsDueNowAndNeedsForceForCompletedOnes(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 2)
        let claims = try store.claimDueJobs(owner: "a", limit: 2, leaseSeconds: 60, now: t0)
        try store.recordTransientFailure(claims[0], error: "boom", maxAttempts: 1, backoffBaseSeconds: 60, now: t0)
        try store.finish(claims[1], status: .completed, now: t0)

        let retried = try store.retry(id: "job-0000", now: t0.plus(10))   // bare suffix
        #expect(retried.status == .pending && retried.attempts == 0 && retried.lastError == nil)
        #expect(retried.nextCheckAt == Timestamp(t0.plus(10)))
        #expect(try store.claimDueJobs(owner: "b", limit: 5, leaseSeconds: 60, now: t0.plus(10)).map(\.jobID)
                == ["batches/job-0000"])

        #expect(throws: JobStoreError.retryRequiresForce("batches/job-0001")) {
            try store.retry(id: "batches/job-0001", now: t0.plus(10))
        }
        #expect(try store.job(id: "job-0001")?.status == .completed)
        let forced = try store.retry(id: "batches/job-0001", force: true, now: t0.plus(11))
        #expect(forced.status == .pending && forced.completedAt == nil)

        #expect(throws: JobStoreError.jobNotFound("nope")) { try store.retry(id: "nope") }
        #expect(try store.events(jobID: "job-0001").last?.kind == .retry)
    }

    @Test(arguments: TestBackend.available) func retryOfAPendingJobInBackoffMakesItDueAndFencesOutTheHolder(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 1)
        var claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0).first)
        try store.recordTransientFailure(claim, error: "429", maxAttempts: 5, backoffBaseSeconds: 3600, now: t0, jitter: { $0 })
        #expect(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0.plus(5)).isEmpty)
        _ = try store.retry(id: "job-0000", now: t0.plus(5))
        claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0.plus(5)).first)
        #expect(claim.job.attempts == 0)

        _ = try store.retry(id: "job-0000", now: t0.plus(6))    // operator acts while the checker holds it
        #expect(throws: JobStoreError.leaseLost(claim.jobID)) { try store.finish(claim, status: .completed, now: t0.plus(7)) }
    }

    @Test(arguments: TestBackend.available) func cancellingIsAllowedFromPendingOnly(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 2)
        let cancelled = try store.markCancelled(id: "job-0000", reason: "user request", now: t0)
        #expect(cancelled.status == .cancelled && cancelled.completedAt == Timestamp(t0))
        #expect(try store.markCancelled(id: "job-0000", now: t0.plus(1)) == cancelled)
        let claim = try #require(try store.claimDueJobs(owner: "a", limit: 5, leaseSeconds: 60, now: t0).first)
        #expect(claim.jobID == "batches/job-0001")
        try store.finish(claim, status: .completed, now: t0)
        #expect(throws: JobStoreError.invalidTransition(jobID: "batches/job-0001", from: .completed, to: .cancelled)) {
            try store.markCancelled(id: "job-0001")
        }
    }

    @Test(arguments: TestBackend.available) func intentsAreNeverClaimedUntilBoundToTheBatchName(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 1)
        let local = try store.createIntent(displayName: "frog-news", requestMetadataJSON: #"{"prompt":"frog"}"#, now: t0)
        #expect(local.hasPrefix("local/"))
        #expect(try store.job(id: local)?.isUnboundIntent == true)
        #expect(try store.claimDueJobs(owner: "a", limit: 5, leaseSeconds: 60, now: t0.plus(1)).map(\.jobID)
                == ["batches/job-0000"])
        #expect(try store.claimDueJobs(owner: "a", limit: 5, leaseSeconds: 60, now: t0.plus(1), onlyID: local).isEmpty)

        #expect(throws: JobStoreError.jobAlreadyExists("batches/job-0000")) {
            try store.bindIntent(localID: local, batchName: "batches/job-0000", now: t0)
        }
        let bound = try store.bindIntent(localID: local, batchName: "batches/frog", now: t0.plus(2))
        #expect(bound.id == "batches/frog" && bound.displayName == "frog-news" && bound.submittedAt == Timestamp(t0.plus(2)))
        #expect(bound.requestMetadataJSON == #"{"prompt":"frog"}"#)
        #expect(try store.job(id: local) == nil)
        #expect(try store.events(jobID: "frog").map(\.kind.rawValue) == ["intent", "submitted"])
        #expect(try store.claimDueJobs(owner: "a", limit: 5, leaseSeconds: 60, now: t0.plus(2)).map(\.jobID) == ["batches/frog"])
        #expect(try store.integrityCheck() == [])

        let unsent = try store.createIntent(displayName: nil, requestMetadataJSON: nil, now: t0)
        #expect(try store.discardIntent(localID: unsent))
        #expect(try store.job(id: unsent) == nil)
        #expect(throws: JobStoreError.notAnIntent("batches/frog")) { try store.discardIntent(localID: "batches/frog") }
    }

    @Test(arguments: TestBackend.available) func runsAreRecordedAndTheLastCompletedOneIsFound(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        #expect(try store.lastCompletedRun() == nil)
        let first = try store.startRun(owner: "host:1", now: t0)
        try store.finishRun(id: first, counts: RunCounts(claimed: 3, retrieved: 2, failed: 1), outcome: .completed, now: t0.plus(5))
        let second = try store.startRun(owner: "host:2", now: t0.plus(60))
        try store.finishRun(id: second, counts: RunCounts(errors: 1), outcome: .failed, message: "disk full", now: t0.plus(61))
        let third = try store.startRun(owner: "host:3", now: t0.plus(120))

        let last = try #require(try store.lastCompletedRun())
        #expect(last.id == first && last.counts == RunCounts(claimed: 3, retrieved: 2, failed: 1))
        #expect(last.finishedAt == Timestamp(t0.plus(5)))
        let recent = try store.recentRuns(limit: 2)
        #expect(recent.map(\.id) == [third, second])
        #expect(recent[0].outcome == nil && recent[0].finishedAt == nil)
        #expect(recent[1].message == "disk full" && recent[1].outcome == .failed)
    }

    @Test func timestampsKeepMicroseconds() {
        let exact = Timestamp(microsecondsSinceEpoch: 1_770_498_000_123_456)
        #expect(Timestamp(exact.date) == exact)
        #expect(exact.adding(seconds: 1.5).microsecondsSinceEpoch == 1_770_498_001_623_456)
    }
}
