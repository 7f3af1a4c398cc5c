import Foundation
import GeminiBatch
import JobStore
import Logging
import WorkerThreads

extension BatchChecker {
    /// Asks the API about the claimed jobs and acts on each answer. Claims go in groups of
    /// `maxConcurrentRequests`: their status calls run at once (each answer streamed to disk), then their jobs
    /// are handled at once, sharing the run's image workers. Returns true when the run should stop asking
    /// (the API does not answer); the claims not handled are then given back untouched.
    func process(_ claims: [Claim], jobThreads: WorkerThreads, imageThreads: WorkerThreads,
                 report: inout CheckReport) async throws -> Bool {
        let heartbeat = LeaseHeartbeat(store: store, claims: claims, leaseSeconds: settings.leaseSeconds, logger: logger)
        heartbeat.start()
        defer { heartbeat.stop() }
        let groupSize = max(1, settings.maxConcurrentRequests)
        let progress = self.progress
        for start in stride(from: 0, to: claims.count, by: groupSize) {
            let group = Array(claims[start..<min(start + groupSize, claims.count)])
            let answers = await client.getBatches(group.map(\.jobID), maxConcurrent: groupSize,
                                                  progress: progress.map { report in { @Sendable name, received, expected in
                                                      report(.downloading(jobID: name, received: received, expected: expected))
                                                  } })
            let remaining = Array(claims[start...])
            if let refusal = answers.values.lazy.compactMap(\.failure).first(where: \.isKeyRejected) {
                // Every job would fail the same way: give them all back untouched.
                try await giveBack(remaining, jobThreads: jobThreads)
                throw CheckerError.authenticationRejected(refusal.description)
            }
            if !answers.isEmpty, answers.values.allSatisfy({ $0.failure?.isUnanswered == true }) {
                // An API that answers nothing would cost every later group the same wait: count this group's
                // attempts, give the rest back untouched, and end the run.
                let later = Array(claims[min(start + groupSize, claims.count)...])
                try await giveBack(later, jobThreads: jobThreads)
                let reason = answers.values.first?.failure.map { "\($0)" } ?? "no answer"
                for claim in group {
                    report.add(try await jobThreads.run { [self] in
                        var partial = CheckReport()
                        try recordTransient(claim, reason: reason, report: &partial)
                        return partial
                    })
                    heartbeat.release(claim)
                }
                logger.error("The Gemini API answered none of \(group.count) status call(s); \(later.count) more job(s) left for the next run")
                report.errors += later.count
                return true
            }
            try await withThrowingTaskGroup(of: CheckReport.self) { tasks in
                for claim in group {
                    guard let answer = answers[claim.jobID] else { continue }
                    let context = context(claim, heartbeat, jobThreads, imageThreads)
                    tasks.addTask {
                        defer { heartbeat.release(claim) }
                        return try await self.handle(answer, context)
                    }
                }
                for try await partial in tasks { report.add(partial) }
            }
        }
        return false
    }

    private func context(_ claim: Claim, _ heartbeat: LeaseHeartbeat, _ jobThreads: WorkerThreads,
                         _ imageThreads: WorkerThreads) -> JobContext {
        JobContext(claim: claim, heartbeat: heartbeat, jobThreads: jobThreads, imageThreads: imageThreads)
    }

    private func giveBack(_ claims: [Claim], jobThreads: WorkerThreads) async throws {
        let store = store
        try await jobThreads.run { for claim in claims { _ = try? store.releaseLease(claim) } }
    }

    /// One job's answer; the job's own problems are recorded on it, never thrown.
    private func handle(_ answer: Result<Batch, GeminiError>, _ context: JobContext) async throws -> CheckReport {
        var report = CheckReport()
        do {
            switch answer {
            case .failure(let error):
                try await context.jobThreads.run { [self] in
                    var report = CheckReport()
                    try recordLookupFailure(context.claim, error: error, report: &report)
                    return report
                }.addTo(&report)
            case .success(let batch):
                if batch.state == .succeeded {
                    logger.info("Retrieving completed batch job: \(context.jobID)")
                    try await retrieve(batch, context, report: &report)
                } else {
                    try await context.jobThreads.run { [self] in
                        var report = CheckReport()
                        try recordUnfinished(batch, claim: context.claim, report: &report)
                        return report
                    }.addTo(&report)
                }
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

    /// A transient problem: attempts + 1 and backoff; failed only when the job has used its attempts and
    /// outlived its batch.
    func recordTransient(_ claim: Claim, reason: String, report: inout CheckReport) throws {
        let job = try store.recordTransientFailure(claim, error: reason, maxAttempts: settings.maxAttempts,
                                                   backoffBaseSeconds: Double(settings.backoffBaseSeconds),
                                                   maxBackoffSeconds: settings.maxBackoffSeconds,
                                                   giveUpAfterSeconds: settings.giveUpAfterSeconds, now: clock())
        if job.status == .failed {
            logger.error("Batch job \(claim.jobID) failed after \(job.attempts) attempts: \(reason)")
            report.failed += 1
        } else {
            logger.warning("Batch job \(claim.jobID): \(reason); retrying after backoff (attempt \(job.attempts) of \(settings.maxAttempts))")
            report.errors += 1
        }
    }

    /// A batch that reported SUCCEEDED before its output exists: not ready yet, checked again soon, and no
    /// attempt counted (the service does this; it is no failure).
    func recordNotReady(_ batch: Batch, claim: Claim, report: inout CheckReport) throws {
        let next = clock().addingTimeInterval(settings.notReadyRecheckSeconds)
        try store.recordCheck(claim, remoteState: batch.state.wireValue, nextCheckAt: next, now: clock())
        logger.info("Batch job \(claim.jobID) reports \(batch.state.wireValue) but its output is not there yet; checking again soon")
        report.stillRunning += 1
    }

    private func recordUnfinished(_ batch: Batch, claim: Claim, report: inout CheckReport) throws {
        let remoteState = batch.state.wireValue
        switch batch.state {
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
        case .succeeded, .unspecified, .pending, .running, .unknown:
            try store.recordCheck(claim, remoteState: remoteState, nextCheckAt: nextCheckTime(), now: clock())
            logger.info("Batch job \(claim.jobID) is \(remoteState)")
            report.stillRunning += 1
        }
    }

    func nextCheckTime() -> Date { clock().addingTimeInterval(Double(settings.pollIntervalSeconds)) }
}

extension CheckReport {
    func addTo(_ other: inout CheckReport) { other.add(self) }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

extension GeminiError {
    /// The call got no answer at all (timeouts, refused or dropped connections), as opposed to an answer
    /// that said no.
    var isUnanswered: Bool {
        switch self {
        case .timeout, .transport, .truncatedBody: true
        case .retryBudgetExhausted(_, let last): last.isUnanswered
        default: false
        }
    }
}
