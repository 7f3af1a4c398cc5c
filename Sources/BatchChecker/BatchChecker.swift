import Foundation
import AtomicFiles
import GeminiBatch
import JobStore
import LegacyFormat
import Logging
import OrderedJSON
import WorkerThreads

/// One check run, what cron starts every N minutes: claim due jobs, ask the API about each, retrieve
/// finished ones (images, sidecars, WebP), record everything, export the tracking file.
///
/// Runs may overlap: jobs are claimed with a lease in the database, so no two runs process the same
/// job, and a crashed run's jobs are taken up again once its lease expires.
///
/// ```swift
/// let checker = BatchChecker(settings: CheckerSettings(config: config), store: store, client: client, logger: logger)
/// let report = try await checker.run()
/// logger.info("\(report.summaryLine)")
/// ```
public final class BatchChecker: Sendable {
    let settings: CheckerSettings
    let store: JobStore
    let client: GeminiBatchClient
    let logger: Logger
    let clock: @Sendable () -> Date
    /// Told how downloads and retrievals go; the CLI draws progress bars from it on a terminal.
    let progress: (@Sendable (CheckProgress) -> Void)?

    public init(settings: CheckerSettings, store: JobStore, client: GeminiBatchClient, logger: Logger,
                clock: @escaping @Sendable () -> Date = { Date() }, progress: (@Sendable (CheckProgress) -> Void)? = nil) {
        self.settings = settings
        self.store = store
        self.client = client
        self.logger = logger
        self.clock = clock
        self.progress = progress
    }

    /// A name for this run's leases: host and process id, so `show` can tell who holds a job.
    public static func defaultOwner() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
    }

    /// Runs one check. Throws only for a failure of the run as a whole (database unusable, key
    /// rejected); every problem of a single job is recorded on that job and the run goes on.
    /// - Parameters:
    ///   - onlyJobID: check just this job, due or not.
    ///   - limit: claim at most this many jobs.
    public func run(onlyJobID: String? = nil, limit: Int? = nil, owner: String = defaultOwner()) async throws -> CheckReport {
        var report = CheckReport()
        let runID = try store.startRun(owner: owner, onlyJobID: onlyJobID, now: clock())
        logger.info("Starting batch job check...")
        // Threads of their own for what blocks: one per job handled at once (its database writes and the
        // reading of its items), and one image worker per core shared by all of them.
        let jobThreads = WorkerThreads(name: "job", count: settings.maxConcurrentRequests)
        let imageThreads = WorkerThreads(name: "image", count: settings.conversionWorkers, backlog: settings.conversionWorkers)
        defer {
            jobThreads.finish()
            imageThreads.finish()
        }
        do {
            report.appendedEntries = try await jobThreads.run { self.pickUpAppendedEntries() }
            try await jobThreads.run { self.removeCrashLeftovers() }
            await bindLostSubmissions()
            // Jobs due by now: one this run reschedules (next check = now + poll interval) is not taken again.
            let dueBy = clock()
            var remaining = limit ?? Int.max
            var announced = false
            while remaining > 0 {
                let batchSize = min(settings.claimBatchSize, remaining)
                let claims = try await jobThreads.run { [self] in
                    try store.claimDueJobs(owner: owner, limit: batchSize, leaseSeconds: settings.leaseSeconds, now: clock(),
                                           dueBy: dueBy, onlyID: onlyJobID)
                }
                if claims.isEmpty {
                    if !announced { logger.info("Found 0 pending batch job(s) due") }
                    break
                }
                announced = true
                logger.info("Found \(claims.count) pending batch job(s)")
                remaining -= claims.count
                report.claimed += claims.count
                let stop = try await process(claims, jobThreads: jobThreads, imageThreads: imageThreads, report: &report)
                if onlyJobID != nil || stop { break }
            }
            report.exportFailure = try await jobThreads.run { self.exportTrackingFile() }
            try store.finishRun(id: runID, counts: RunCounts(claimed: report.claimed, retrieved: report.retrieved,
                                                             failed: report.failed, errors: report.errors),
                                outcome: .completed, now: clock())
            logger.info("\(report.summaryLine)")
            return report
        } catch {
            logger.error("Batch check stopped: \(error)")
            try? store.finishRun(id: runID, counts: RunCounts(claimed: report.claimed, retrieved: report.retrieved,
                                                              failed: report.failed, errors: report.errors),
                                 outcome: .failed, message: "\(error)", now: clock())
            throw error
        }
    }

    /// Imports entries other programs appended to the tracking file since the last run, with their
    /// request files (``TrackingPickUp``: the rules `import-json` and the export use too). A file that is
    /// refused or never settles is reported and left alone; an entry whose request file is broken is not
    /// taken until it is fixed, and the log names the file. The run goes on with the database.
    func pickUpAppendedEntries() -> Int {
        let file = settings.paths.trackingFile
        do {
            let pickUp = try TrackingPickUp.run(trackingFile: file, batchMetadataFolder: settings.paths.batchMetadataFolder,
                                                into: store, now: clock())
            for held in pickUp.heldBack { logger.error("Not picking up \(held.id) from \(file.lastPathComponent): \(held.reason)") }
            if !pickUp.inserted.isEmpty { logger.info("Picked up \(pickUp.inserted.count) job(s) appended to \(file.lastPathComponent)") }
            return pickUp.inserted.count
        } catch let error as LegacyFormatError where error.isAnotherWriterAtWork {
            logger.warning("Not picking up entries from \(file.path) this time: \(error)")
            return 0
        } catch {
            logger.error("Could not read \(file.path): \(error)")
            return 0
        }
    }

    /// A `submit` that died after recording its intent but before storing the API's batch name leaves
    /// a `local/...` job. If the create reached the API, the batch carries the intent's display name:
    /// bind it, and the job is checked like any other. Intents younger than ten minutes may belong to
    /// a submit still running and are left alone.
    func bindLostSubmissions() async {
        do {
            let intents = try store.unboundIntents(createdBefore: clock().addingTimeInterval(-600))
            guard !intents.isEmpty else { return }
            let batches = try await client.listBatches()
            for intent in intents {
                guard let name = intent.displayName, let batch = batches.first(where: { $0.displayName == name }) else {
                    let reason = "the submission never reached the API (no batch named \(intent.displayName ?? "-")); submit it again"
                    try store.failIntent(localID: intent.id, reason: reason, now: clock())
                    logger.error("Submission \(intent.id): \(reason)")
                    continue
                }
                try store.bindIntent(localID: intent.id, batchName: batch.name, now: clock())
                logger.info("Bound interrupted submission \(intent.id) to \(batch.name)")
            }
        } catch {
            logger.warning("Could not look for interrupted submissions: \(error)")
        }
    }

    /// Temporary files of a crashed run: only those older than a lease, as a younger one may belong
    /// to a run that is still writing.
    func removeCrashLeftovers() {
        for folder in [settings.paths.originalFolder, settings.paths.webpFolder, settings.paths.jsonFolder] {
            let removed = AtomicFile.removeLeftovers(in: folder, minimumAge: Double(settings.leaseSeconds), now: clock())
            if removed > 0 { logger.info("Removed \(removed) temporary file(s) a crashed run left in \(folder.path)") }
        }
        // Batch answers and responses files being read (gigabytes for a big batch): a dead run's are removed.
        try? AtomicFile.createFolder(settings.paths.downloadFolder)
        let downloads = TemporaryFile.removeLeftovers(in: settings.paths.downloadFolder)
        if downloads > 0 { logger.info("Removed \(downloads) download(s) a crashed run left in \(settings.paths.downloadFolder.path)") }
    }

    /// Exports the tracking file; returns why it failed (the CLI exits 1), or nil when it was written, was
    /// already up to date, or was left alone because another program is writing it (logged as a warning,
    /// the next run tries again).
    func exportTrackingFile() -> String? {
        let file = settings.paths.trackingFile
        do {
            let report = try TrackingExport.run(store: store, to: file, batchMetadataFolder: settings.paths.batchMetadataFolder,
                                                now: clock(), skipIfUnchanged: true)
            if !report.merged.isEmpty { logger.info("Merged \(report.merged.count) appended job(s) into the tracking file") }
            for held in report.heldBack { logger.error("Kept \(held.id) in \(file.lastPathComponent) without taking it: \(held.reason)") }
            return nil
        } catch let error as LegacyFormatError where error.isAnotherWriterAtWork {
            logger.warning("Tracking file export skipped: \(error)")
            return nil
        } catch {
            logger.error("Could not export \(file.path): \(error)")
            return "\(error)"
        }
    }
}
