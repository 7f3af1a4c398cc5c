import Foundation
import GeminiBatch
import JobStore
import LegacyFormat

/// Deletes from the API the batches (and uploaded input files) of finished jobs this database holds, so
/// they stop taking the account's quota and storage. Only jobs in the database are ever named: the API's
/// list is never read, so a batch another tool or person made is never touched. Which jobs qualify is
/// ``JobStore/remoteCleanupCandidates(finishedBefore:limit:)``: finished with nothing left to retrieve.
///
/// ```swift
/// let cleanup = RemoteCleanup(store: store, client: client)
/// let planned = try RemoteCleanup.planned(store: store, finishedBefore: cutoff)   // what --dry-run prints
/// let report = try await cleanup.run(finishedBefore: cutoff)
/// print(report.summary)   // "3 batches deleted, 1 already gone, 0 failed"
/// ```
/// A 404 counts as already gone. Each job is recorded once done (``JobStore/markRemoteDeleted(id:message:now:)``
/// sets `remote_deleted_at` and adds a history line), so a second cleanup does not ask the API again; a job
/// whose call failed is left for the next one. A refused key stops the cleanup.
public struct RemoteCleanup: Sendable {
    let store: JobStore
    let client: GeminiBatchClient
    let maxConcurrent: Int
    let clock: @Sendable () -> Date

    public init(store: JobStore, client: GeminiBatchClient, maxConcurrent: Int = 4,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.client = client
        self.maxConcurrent = max(1, maxConcurrent)
        self.clock = clock
    }

    /// The jobs a cleanup would work on, oldest first: what `prune --remote --dry-run` lists. Reads the
    /// database only (no client, no key needed).
    public static func planned(store: JobStore, finishedBefore cutoff: Date, limit: Int? = nil) throws -> [RemoteCleanupItem] {
        try store.remoteCleanupCandidates(finishedBefore: cutoff, limit: limit).map { job in
            RemoteCleanupItem(jobID: job.id, inputFile: job.requestMetadata.uploadedInputFile,
                              finishedAt: job.completedAt ?? job.lastCheckedAt ?? job.submittedAt, status: job.status)
        }
    }

    /// Deletes the batches (and input files) of the jobs that finished before `cutoff`, at most `limit` of
    /// them, `maxConcurrent` calls at a time.
    /// - Throws: ``HousekeepingError/keyRejected(_:)`` when the service refuses the key (what was deleted
    ///   before is recorded); a `JobStoreError` when the database cannot be read or written.
    public func run(finishedBefore cutoff: Date, limit: Int? = nil) async throws -> RemoteCleanupReport {
        let items = try Self.planned(store: store, finishedBefore: cutoff, limit: limit)
        var report = RemoteCleanupReport()
        var refusal: String?
        var pending = items.makeIterator()
        try await withThrowingTaskGroup(of: (RemoteCleanupItem, Outcome).self) { group in
            var inFlight = 0
            while inFlight < maxConcurrent, let item = pending.next() {
                group.addTask { (item, try await self.clean(item)) }
                inFlight += 1
            }
            while let (item, outcome) = try await group.next() {
                switch outcome {
                case .deleted(let files):
                    report.deleted.append(item.jobID)
                    report.filesDeleted += files
                case .alreadyGone(let files):
                    report.alreadyGone.append(item.jobID)
                    report.filesDeleted += files
                case .failed(let reason): report.failed.append(.init(jobID: item.jobID, reason: reason))
                case .skipped: report.skipped.append(item.jobID)
                case .keyRejected(let reason): refusal = refusal ?? reason
                }
                if refusal == nil, let next = pending.next() {
                    group.addTask { (next, try await self.clean(next)) }
                }
            }
        }
        if let refusal { throw HousekeepingError.keyRejected(refusal) }
        return report
    }

    enum Outcome: Sendable {
        /// Deleted now; the count of input files deleted (or found gone) with it.
        case deleted(files: Int)
        case alreadyGone(files: Int)
        case failed(String)
        case skipped
        case keyRejected(String)
    }

    /// One job: the input file first (its name is in the job's metadata only), then the batch, then the record.
    private func clean(_ item: RemoteCleanupItem) async throws -> Outcome {
        // Asked again right before the call: an operator may have made the job pending again meanwhile.
        guard try store.isStillRemoteCleanupCandidate(id: item.jobID) else { return .skipped }
        var notes: [String] = []
        var files = 0
        if let file = item.inputFile {
            do throws(GeminiError) {
                try await client.deleteFile(file)
                notes.append("input file \(file) deleted")
            } catch .notFound {
                notes.append("input file \(file) already gone")
            } catch {
                return error.isKeyRejected ? .keyRejected(error.description) : .failed("input file \(file): \(error)")
            }
            files = 1
        }
        let gone: Bool
        do throws(GeminiError) {
            try await client.deleteBatch(item.jobID)
            gone = false
        } catch .notFound {
            gone = true
        } catch {
            return error.isKeyRejected ? .keyRejected(error.description) : .failed(error.description)
        }
        notes.insert(gone ? "batch already gone on the API (404)" : "batch deleted on the API", at: 0)
        guard try store.markRemoteDeleted(id: item.jobID, message: notes.joined(separator: "; "), now: clock()) else {
            return .skipped
        }
        return gone ? .alreadyGone(files: files) : .deleted(files: files)
    }
}
