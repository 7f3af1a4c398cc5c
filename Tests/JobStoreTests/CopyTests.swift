import Foundation
import Testing
import TestSupport
@testable import JobStore

@Suite("Store copy") struct CopyTests {
    /// A database with a bit of everything: jobs in every status, images, history, runs, a setting.
    func populate(_ store: JobStore) throws {
        try seedJobs(store, count: 30)
        _ = try store.importJobs([JobImport(id: "batches/done", status: .completed, checkCount: 4,
                                            requestMetadataJSON: #"{"model":"m","prompt":"frog"}"#)], dryRun: false, now: t0)
        let claims = try store.claimDueJobs(owner: "a", limit: 3, leaseSeconds: 60, now: t0)
        for (n, claim) in claims.enumerated() {
            try store.upsertPendingImages(claim, [ImageRequest(key: "req_0", index: 0)], now: t0)
            try store.markImageDone(claim, key: "req_0", files: ImageFiles(originalPath: "\(n).png", bytes: 10, sha256: "ab"), now: t0)
            try store.finish(claim, status: .completed, remoteState: "BATCH_STATE_SUCCEEDED", now: t0.plus(1))
        }
        let run = try store.startRun(owner: "host:1", now: t0)
        try store.finishRun(id: run, counts: RunCounts(claimed: 3, retrieved: 3, failed: 0, errors: 0), outcome: .completed, now: t0.plus(2))
        try store.setSetting("tracking_export:/x", to: "fingerprint")
        _ = try store.createIntent(displayName: "later", requestMetadataJSON: nil, now: t0.plus(3))
    }

    /// Everything a user sees of the database, as text.
    func view(_ store: JobStore) throws -> String {
        var text = ""
        for listing in try store.jobs(order: .id) {
            text += "\(listing)\n\(try store.images(jobID: listing.job.id))\n\(try store.events(jobID: listing.job.id))\n"
        }
        return text + "\(try store.recentRuns(limit: 100))\n\(try store.setting("tracking_export:/x") ?? "-")\n"
    }

    @Test(arguments: TestBackend.available, TestBackend.available)
    func aCopyCarriesEverythingOnceAndARepeatInsertsNothing(_ from: TestBackend, _ to: TestBackend) throws {
        let sourceDatabase = try TestDatabase(from)
        let targetDatabase = try TestDatabase(to)
        let source = try sourceDatabase.open()
        try populate(source)
        let target = try targetDatabase.open()

        let first = try JobStore.copy(from: source, to: target)
        #expect(first.tables.allSatisfy { $0.source == $0.target && $0.inserted == $0.source }, "\(first)")
        #expect(first.tables.first { $0.name == "jobs" }?.source == 32)
        #expect(try view(target) == view(source))

        let again = try JobStore.copy(from: source, to: target)
        #expect(again.tables.allSatisfy { $0.inserted == 0 && $0.source == $0.target }, "\(again)")
        #expect(try view(target) == view(source))

        // New rows on the target get ids after the copied ones.
        let claim = try #require(try target.claimDueJobs(owner: "b", limit: 1, leaseSeconds: 60, now: t0.plus(10)).first)
        let images = try target.upsertPendingImages(claim, [ImageRequest(key: "new", index: 0)], now: t0.plus(10))
        #expect(Set(images.map(\.id)).count == images.count)
    }

    @Test(arguments: TestBackend.available)
    func aTargetWithRowsOfItsOwnIsRefusedAndLeftAsItWas(_ backend: TestBackend) throws {
        let sourceDatabase = try TestDatabase(.sqlite)
        let targetDatabase = try TestDatabase(backend)
        let source = try sourceDatabase.open()
        try populate(source)
        let target = try targetDatabase.open()
        try seedJobs(target, count: 2, prefix: "batches/other-")
        let before = try view(target)
        #expect(throws: JobStoreError.copyMismatch(table: "jobs", source: 32, target: 34)) {
            try JobStore.copy(from: source, to: target)
        }
        #expect(try view(target) == before)
    }
}
