import Foundation
import AtomicFiles
import GeminiBatch
import JobStore
import LegacyFormat
import Logging
import OrderedJSON

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
    /// Told "<job>: N image(s) done" as a retrieval goes; the CLI shows it on a terminal.
    let progress: (@Sendable (String) -> Void)?

    public init(settings: CheckerSettings, store: JobStore, client: GeminiBatchClient, logger: Logger,
                clock: @escaping @Sendable () -> Date = { Date() }, progress: (@Sendable (String) -> Void)? = nil) {
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
        let runID = try store.startRun(owner: owner, now: clock())
        logger.info("Starting batch job check...")
        do {
            report.appendedEntries = pickUpAppendedEntries()
            removeCrashLeftovers()
            await bindLostSubmissions()
            // Jobs due by now: one this run reschedules (next check = now + poll interval) is not taken again.
            let dueBy = clock()
            var remaining = limit ?? Int.max
            var announced = false
            while remaining > 0 {
                let claims = try store.claimDueJobs(owner: owner, limit: min(settings.claimBatchSize, remaining),
                                                    leaseSeconds: settings.leaseSeconds, now: clock(), dueBy: dueBy,
                                                    onlyID: onlyJobID)
                if claims.isEmpty {
                    if !announced { logger.info("Found 0 pending batch job(s) due") }
                    break
                }
                announced = true
                logger.info("Found \(claims.count) pending batch job(s)")
                remaining -= claims.count
                report.claimed += claims.count
                try await process(claims, report: &report)
                if onlyJobID != nil { break }
            }
            exportTrackingFile()
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

    /// Asks the API about the claimed jobs and acts on each answer. Claims go in groups of
    /// `maxConcurrentRequests`: their status calls run at once, then their jobs are handled at once,
    /// sharing the run's image workers. Only one group of finished batches (which may carry their
    /// images inline) is held in memory.
    func process(_ claims: [Claim], report: inout CheckReport) async throws {
        let heartbeat = LeaseHeartbeat(store: store, claims: claims, leaseSeconds: settings.leaseSeconds, logger: logger)
        heartbeat.start()
        let workers = BoundedWorkers(workers: settings.conversionWorkers, limit: settings.conversionWorkers)
        defer {
            heartbeat.stop()
            workers.finish()
        }
        let groupSize = max(1, settings.maxConcurrentRequests)
        for start in stride(from: 0, to: claims.count, by: groupSize) {
            let group = Array(claims[start..<min(start + groupSize, claims.count)])
            let answers = await client.getBatches(group.map(\.jobID), maxConcurrent: groupSize)
            do {
                try await withThrowingTaskGroup(of: CheckReport.self) { tasks in
                    for claim in group {
                        guard let answer = answers[claim.jobID] else { continue }
                        tasks.addTask {
                            defer { heartbeat.release(claim) }
                            return try await self.handle(answer, claim: claim, heartbeat: heartbeat, workers: workers)
                        }
                    }
                    for try await partial in tasks { report.add(partial) }
                }
            } catch {
                // The key was refused: give every job not yet finished back untouched.
                for unfinished in claims[start...] { _ = try? store.releaseLease(unfinished) }
                throw error
            }
        }
    }

    /// One job's answer; the job's own problems are recorded on it, never thrown.
    private func handle(_ answer: Result<Batch, GeminiError>, claim: Claim, heartbeat: LeaseHeartbeat,
                        workers: BoundedWorkers) async throws -> CheckReport {
        var report = CheckReport()
        do {
            switch answer {
            case .failure(let error):
                if let status = error.httpStatus, status == 401 || status == 403 {
                    throw CheckerError.authenticationRejected(error.description)
                }
                try recordLookupFailure(claim, error: error, report: &report)
            case .success(let batch):
                try await handle(batch, claim: claim, heartbeat: heartbeat, workers: workers, report: &report)
            }
        } catch JobStoreError.leaseLost(let id) {
            logger.warning("Lease on \(id) was lost to another run; leaving the job to it")
        }
        return report
    }

    private func recordLookupFailure(_ claim: Claim, error: GeminiError, report: inout CheckReport) throws {
        if case .notFound = error {
            let job = try store.recordNotFound(claim, nextCheckAt: nextCheckTime(), now: clock())
            if job.status == .failed {
                logger.error("Batch job \(claim.jobID) not found on two checks; marked failed")
                report.failed += 1
            } else {
                logger.warning("Batch job \(claim.jobID) not found; will confirm on the next check")
                report.errors += 1
            }
            return
        }
        try recordTransient(claim, reason: error.description, report: &report)
    }

    func recordTransient(_ claim: Claim, reason: String, report: inout CheckReport) throws {
        let job = try store.recordTransientFailure(claim, error: reason, maxAttempts: settings.maxAttempts,
                                                   backoffBaseSeconds: Double(settings.backoffBaseSeconds), now: clock())
        if job.status == .failed {
            logger.error("Batch job \(claim.jobID) failed after \(job.attempts) attempts: \(reason)")
            report.failed += 1
        } else {
            logger.warning("Batch job \(claim.jobID): \(reason); retrying after backoff (attempt \(job.attempts) of \(settings.maxAttempts))")
            report.errors += 1
        }
    }

    private func handle(_ batch: Batch, claim: Claim, heartbeat: LeaseHeartbeat, workers: BoundedWorkers,
                        report: inout CheckReport) async throws {
        let remoteState = batch.state.wireValue
        switch batch.state {
        case .succeeded:
            logger.info("Retrieving completed batch job: \(claim.jobID)")
            try await retrieve(batch, claim: claim, heartbeat: heartbeat, workers: workers, report: &report)
        case .failed:
            let reason = batch.error.map { "batch failed: \($0)" } ?? "batch failed"
            try store.finish(claim, status: .failed, remoteState: remoteState, error: reason, now: clock())
            logger.error("Batch job \(claim.jobID) \(reason)")
            report.failed += 1
        case .cancelled:
            try store.finish(claim, status: .cancelled, remoteState: remoteState, error: batch.error.map(\.description), now: clock())
            logger.warning("Batch job \(claim.jobID) was cancelled")
            report.failed += 1
        case .expired:
            let reason = "expired: not finished within 48 hours, no results"
            try store.finish(claim, status: .expired, remoteState: remoteState, error: reason, now: clock())
            logger.error("Batch job \(claim.jobID) \(reason)")
            report.failed += 1
        case .unspecified, .pending, .running, .unknown:
            try store.recordCheck(claim, remoteState: remoteState, nextCheckAt: nextCheckTime(), now: clock())
            logger.info("Batch job \(claim.jobID) is \(remoteState)")
            report.stillRunning += 1
        }
    }

    func nextCheckTime() -> Date { clock().addingTimeInterval(Double(settings.pollIntervalSeconds)) }

    /// Imports entries other programs appended to the tracking file since the last run, with their
    /// request files. A broken file is reported and left alone; the run goes on with the database.
    func pickUpAppendedEntries() -> Int {
        let file = settings.paths.trackingFile
        if TrackingExport.fileUnchangedSinceLastExport(file, store: store) { return 0 }
        do {
            let entries = try TrackingFile.read(at: file)
            guard !entries.isEmpty else { return 0 }
            let known = try store.jobIDs()
            let appended = entries.filter { !known.contains($0.id) }
            guard !appended.isEmpty else { return 0 }
            var requests: [String: JSONObject] = [:]
            for entry in appended {
                let url = BatchMetadataFolder.fileURL(forJob: entry.id, in: settings.paths.batchMetadataFolder)
                if FileManager.default.fileExists(atPath: url.path) { requests[entry.id] = try BatchMetadataFolder.read(url) }
            }
            let (imports, _) = LegacyImport.jobImports(from: appended, requests: requests, file: file.path)
            let inserted = try store.insertMissingJobs(imports, now: clock())
            if !inserted.isEmpty { logger.info("Picked up \(inserted.count) job(s) appended to \(file.lastPathComponent)") }
            return inserted.count
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
    }

    func exportTrackingFile() {
        do {
            let report = try TrackingExport.run(store: store, to: settings.paths.trackingFile,
                                                batchMetadataFolder: settings.paths.batchMetadataFolder, now: clock(),
                                                skipIfUnchanged: true)
            if !report.merged.isEmpty { logger.info("Merged \(report.merged.count) appended job(s) into the tracking file") }
        } catch {
            logger.error("Could not export \(settings.paths.trackingFile.path): \(error)")
        }
    }
}
