import Foundation
import Testing
import TestSupport
@testable import JobStore

@Suite("Claims and fenced writes") struct ClaimTests {
    @Test(arguments: TestBackend.available) func claimTakesOnlyDuePendingJobsWithAFreeLeaseInScheduleOrder(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 5, now: t0)
        try store.insertMissingJobs([JobImport(id: "batches/later", status: .pending)], now: t0.plus(100))
        _ = try store.importJobs([JobImport(id: "batches/done", status: .completed)], dryRun: false, now: t0)
        _ = try store.createIntent(displayName: "unsent", requestMetadataJSON: nil, now: t0)

        let first = try store.claimDueJobs(owner: "a", limit: 3, leaseSeconds: 600, now: t0.plus(1))
        #expect(first.map(\.jobID) == ["batches/job-0000", "batches/job-0001", "batches/job-0002"])
        #expect(first.allSatisfy { $0.token == 1 && $0.owner == "a" && $0.job.leaseOwner == "a" })
        #expect(first.allSatisfy { $0.leaseExpiresAt == Timestamp(t0.plus(601)) })

        let second = try store.claimDueJobs(owner: "b", limit: 10, leaseSeconds: 600, now: t0.plus(2))
        #expect(second.map(\.jobID) == ["batches/job-0003", "batches/job-0004"],
                "leased, not yet due, terminal and intent jobs are skipped")
        #expect(try store.claimDueJobs(owner: "c", limit: 10, leaseSeconds: 60, now: t0.plus(3)).isEmpty)
        #expect(try store.claimDueJobs(owner: "c", limit: 10, leaseSeconds: 60, now: t0.plus(100)).map(\.jobID)
                == ["batches/later"])
        #expect(try store.claimDueJobs(owner: "c", limit: 0, leaseSeconds: 60, now: t0.plus(500)).isEmpty)
    }

    @Test(arguments: TestBackend.available) func onlyIDClaimsThatJobEvenBeforeItsNextCheck(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try store.insertMissingJobs([JobImport(id: "batches/abc", status: .pending),
                                     JobImport(id: "batches/other", status: .pending)], now: t0.plus(600))
        let claims = try store.claimDueJobs(owner: "op", limit: 10, leaseSeconds: 60, now: t0, onlyID: "abc")
        #expect(claims.map(\.jobID) == ["batches/abc"])
        #expect(try store.claimDueJobs(owner: "op2", limit: 10, leaseSeconds: 60, now: t0, onlyID: "abc").isEmpty)
        #expect(try store.claimDueJobs(owner: "op", limit: 10, leaseSeconds: 60, now: t0, onlyID: "missing").isEmpty)
    }

    @Test(arguments: TestBackend.available) func expiredLeaseIsReclaimedWithAHigherTokenAndTheStaleHolderChangesNothing(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 1)
        let stale = try #require(try store.claimDueJobs(owner: "slow", limit: 5, leaseSeconds: 60, now: t0).first)
        _ = try store.upsertPendingImages(stale, [ImageRequest(key: "req_0", index: 0)], now: t0)

        #expect(try store.claimDueJobs(owner: "fast", limit: 5, leaseSeconds: 60, now: t0.plus(59)).isEmpty)
        let fresh = try #require(try store.claimDueJobs(owner: "fast", limit: 5, leaseSeconds: 60, now: t0.plus(60)).first)
        #expect(fresh.jobID == stale.jobID)
        #expect(fresh.token > stale.token)

        let snapshot = try #require(try store.job(id: stale.jobID))
        let imagesSnapshot = try store.images(jobID: stale.jobID)
        let id = stale.jobID
        #expect(throws: JobStoreError.leaseLost(id)) { try store.finish(stale, status: .completed, now: t0.plus(61)) }
        #expect(throws: JobStoreError.leaseLost(id)) {
            try store.recordCheck(stale, remoteState: "BATCH_STATE_RUNNING", nextCheckAt: t0.plus(999), now: t0.plus(61))
        }
        #expect(throws: JobStoreError.leaseLost(id)) {
            try store.recordTransientFailure(stale, error: "503", maxAttempts: 3, backoffBaseSeconds: 10, now: t0.plus(61))
        }
        #expect(throws: JobStoreError.leaseLost(id)) { try store.recordNotFound(stale, nextCheckAt: t0, now: t0.plus(61)) }
        #expect(throws: JobStoreError.leaseLost(id)) {
            try store.markImageDone(stale, key: "req_0", files: ImageFiles(originalPath: "x.png", bytes: 1, sha256: "00"))
        }
        #expect(throws: JobStoreError.leaseLost(id)) { try store.markImageFailed(stale, key: "req_0", error: "bad") }
        #expect(throws: JobStoreError.leaseLost(id)) { try store.upsertPendingImages(stale, [ImageRequest(key: "k", index: 1)]) }
        #expect(try store.extendLease(stale, leaseSeconds: 600, now: t0.plus(61)) == false)
        #expect(try store.releaseLease(stale) == false)
        #expect(try store.job(id: id) == snapshot)
        #expect(try store.images(jobID: id) == imagesSnapshot)

        let finished = try store.finish(fresh, status: .completed, remoteState: "BATCH_STATE_SUCCEEDED", now: t0.plus(62))
        #expect(finished.status == .completed)
        #expect(finished.completedAt == Timestamp(t0.plus(62)))
        #expect(finished.leaseOwner == nil && finished.leaseExpiresAt == nil)
        #expect(finished.fencingToken == fresh.token)
    }

    @Test(arguments: TestBackend.available) func heartbeatKeepsTheLeaseAndReleaseMakesTheJobClaimableAgain(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 1)
        let claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0).first)
        #expect(try store.extendLease(claim, leaseSeconds: 60, now: t0.plus(50)))
        #expect(try store.claimDueJobs(owner: "b", limit: 1, leaseSeconds: 60, now: t0.plus(100)).isEmpty)
        #expect(try store.releaseLease(claim))
        let again = try #require(try store.claimDueJobs(owner: "b", limit: 1, leaseSeconds: 60, now: t0.plus(101)).first)
        #expect(again.token == claim.token + 1)
    }

    @Test(arguments: TestBackend.available) func checksScheduleTheNextLookAndTrackRemoteState(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 1)
        var claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0).first)
        var job = try store.recordCheck(claim, remoteState: "BATCH_STATE_PENDING", nextCheckAt: t0.plus(1800), now: t0)
        #expect(job.checkCount == 1 && job.lastCheckedAt == Timestamp(t0) && job.nextCheckAt == Timestamp(t0.plus(1800)))
        #expect(job.remoteState == "BATCH_STATE_PENDING" && job.leaseOwner == nil && job.status == .pending)
        #expect(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0.plus(1799)).isEmpty)

        claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0.plus(1800)).first)
        job = try store.recordCheck(claim, remoteState: "BATCH_STATE_PENDING", nextCheckAt: t0.plus(3600), now: t0.plus(1800))
        claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0.plus(3600)).first)
        job = try store.recordCheck(claim, remoteState: "BATCH_STATE_RUNNING", nextCheckAt: t0.plus(5400), now: t0.plus(3600))
        #expect(job.checkCount == 3)
        #expect(try store.events(jobID: job.id).map(\.message) == [
            "from the legacy tracking file as pending", "remote state BATCH_STATE_PENDING", "remote state BATCH_STATE_RUNNING",
        ], "a repeated remote state adds no history line")
    }

    @Test(arguments: TestBackend.available) func transientFailuresBackOffExponentiallyThenFail(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 1)
        var now = t0
        var waits: [Double] = []
        var job: Job?
        for _ in 1...4 {
            let claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: now).first)
            job = try store.recordTransientFailure(claim, error: "HTTP 503", maxAttempts: 4, backoffBaseSeconds: 60,
                                                   now: now, jitter: { $0 })
            guard let job, job.status == .pending else { break }
            #expect(job.lastError == "HTTP 503" && job.leaseOwner == nil)
            let wait = Double(job.nextCheckAt.microsecondsSinceEpoch - Timestamp(now).microsecondsSinceEpoch) / 1e6
            waits.append(wait)
            #expect(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: now.plus(wait - 1)).isEmpty)
            now = now.plus(wait)
        }
        #expect(waits == [60, 120, 240])
        #expect(job?.status == .failed)
        #expect(job?.attempts == 4)
        #expect(job?.lastError == "gave up after 4 attempts: HTTP 503")
        #expect(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: now.plus(86_400 * 30)).isEmpty)
    }

    @Test(arguments: TestBackend.available) func backoffCeilingDoublesUpToTheCapAndJitterStaysInside(_ backend: TestBackend) throws {
        #expect((1...5).map { Backoff.ceiling(attempt: $0, baseSeconds: 30, maxSeconds: 300) } == [30, 60, 120, 240, 300])
        #expect(Backoff.ceiling(attempt: 5000, baseSeconds: 30) == Backoff.defaultMaxSeconds)
        let draws = (0..<200).map { _ in Backoff.fullJitter(100) }
        #expect(draws.allSatisfy { (0...100).contains($0) })
        #expect(Set(draws).count > 100, "full jitter spreads the waits")

        // With the default jitter the next check lands anywhere in [now, now + ceiling].
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 20)
        for claim in try store.claimDueJobs(owner: "a", limit: 20, leaseSeconds: 60, now: t0) {
            let job = try store.recordTransientFailure(claim, error: "timeout", maxAttempts: 5, backoffBaseSeconds: 600, now: t0)
            #expect(job.nextCheckAt >= Timestamp(t0) && job.nextCheckAt <= Timestamp(t0.plus(600)))
        }
    }

    @Test(arguments: TestBackend.available) func notFoundFailsOnlyWhenALaterCheckConfirmsIt(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 1)
        var claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0).first)
        var job = try store.recordNotFound(claim, nextCheckAt: t0.plus(600), now: t0)
        #expect(job.status == .pending && job.notFoundCount == 1)
        // A successful check in between resets the count: the two answers must be consecutive.
        claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0.plus(600)).first)
        job = try store.recordCheck(claim, remoteState: "BATCH_STATE_RUNNING", nextCheckAt: t0.plus(1200), now: t0.plus(600))
        #expect(job.notFoundCount == 0 && job.lastError == nil)
        claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0.plus(1200)).first)
        job = try store.recordNotFound(claim, nextCheckAt: t0.plus(1800), now: t0.plus(1200))
        #expect(job.status == .pending)
        #expect(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0.plus(1799)).isEmpty)
        claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0.plus(1800)).first)
        job = try store.recordNotFound(claim, nextCheckAt: t0.plus(2400), now: t0.plus(1800))
        #expect(job.status == .failed && job.notFoundCount == 2)
        #expect(job.lastError?.contains("not found") == true)
    }

    @Test(arguments: TestBackend.available) func imagesAreRecordedUnderTheClaimAndCountedInListings(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        try seedJobs(store, count: 2)
        let claim = try #require(try store.claimDueJobs(owner: "a", limit: 1, leaseSeconds: 60, now: t0).first)
        let requests = (0..<3).map { ImageRequest(key: "req_\($0)", index: $0) }
        #expect(try store.upsertPendingImages(claim, requests, now: t0).map(\.state) == [.pending, .pending, .pending])
        let done = try store.markImageDone(claim, key: "req_0", files: ImageFiles(
            originalPath: "original/a.png", bytes: 42, sha256: "ab", mimeType: "image/png",
            originalSidecarPath: "json/a.png.json", webpPath: "webp/a.webp", webpBytes: 10,
            webpSidecarPath: "json/a.webp.json"), now: t0)
        #expect(done.state == .done && done.bytes == 42 && done.webpPath == "webp/a.webp")
        #expect(try store.markImageFailed(claim, key: "req_2", error: "corrupt PNG", now: t0).state == .failed)
        #expect(throws: JobStoreError.imageNotFound(jobID: claim.jobID, requestKey: "nope")) {
            try store.markImageFailed(claim, key: "nope", error: "x", now: t0)
        }
        // A resumed run re-registering the items keeps what is done.
        let again = try store.upsertPendingImages(claim, requests, now: t0.plus(1))
        #expect(again.map(\.state) == [.done, .pending, .failed])
        #expect(again.map(\.requestKey) == ["req_0", "req_1", "req_2"])

        let listing = try store.jobs(order: .id)
        #expect(listing.map(\.imageCount) == [3, 0])
        #expect(listing.first?.doneImageCount == 1 && listing.first?.failedImageCount == 1)
        #expect(try store.jobs(status: .pending, limit: 1, order: .id).map(\.job.id) == ["batches/job-0000"])
        #expect(try store.jobCounts() == [.pending: 2])
    }
}
