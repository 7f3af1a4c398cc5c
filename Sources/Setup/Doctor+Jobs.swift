import Foundation
import JobStore
import PFCConfig

extension Doctor {
    /// `last_run`, `stuck_leases`, `near_expiry` and `failed_jobs`.
    func jobChecks(_ config: Config, store: JobStore) -> [DoctorCheck] {
        [lastRunCheck(config, store: store)] + pendingJobChecks(config, store: store) + [failedJobsCheck(store: store)]
    }

    func lastRunCheck(_ config: Config, store: JobStore) -> DoctorCheck {
        let logHint = "see \(config.paths.logFile.path) (grep ERROR)"
        let runs: [RunRecord]
        do { runs = try store.recentRuns(limit: 1) } catch {
            return DoctorCheck(check: .lastRun, verdict: .fail, detail: "cannot read the runs: \(Self.describe(error))")
        }
        guard let run = runs.first else {
            return DoctorCheck(check: .lastRun, verdict: .warn, detail: "no check run recorded yet",
                               hint: "pfc-jobs check --verbose runs one now; the schedule runs it afterwards")
        }
        let started = Self.format(run.startedAt.date)
        guard let finished = run.finishedAt, let outcome = run.outcome else {
            // A run renews leases while it works; twice the lease without an end means it died.
            let deadline = run.startedAt.date.addingTimeInterval(max(3600, Doctor.stuckLeaseFactor * Double(config.leaseSeconds)))
            if now > deadline {
                return DoctorCheck(check: .lastRun, verdict: .warn,
                                   detail: "the last run (started \(started) by \(run.owner)) never finished: it crashed or was killed",
                                   hint: logHint)
            }
            return DoctorCheck(check: .lastRun, verdict: .pass, detail: "a run is in progress (started \(started) by \(run.owner))")
        }
        let counts = run.counts
        let tally = "claimed \(counts.claimed), retrieved \(counts.retrieved), failed \(counts.failed), errors \(counts.errors)"
        switch outcome {
        case .failed:
            return DoctorCheck(check: .lastRun, verdict: .fail,
                               detail: "the last run (started \(started)) failed: \(run.message ?? "no message")", hint: logHint)
        case .completed:
            let expectedEvery = Double(config.batchCheckIntervalMinutes) * 60
            if config.batchCheckEnabled, now.timeIntervalSince(finished.date) > 3 * expectedEvery {
                return DoctorCheck(check: .lastRun, verdict: .warn,
                                   detail: "the last run completed \(Self.format(finished.date)), over 3 intervals of \(config.batchCheckIntervalMinutes) min ago",
                                   hint: "is the schedule running? pfc-jobs schedule status; \(logHint)")
            }
            return DoctorCheck(check: .lastRun, verdict: .pass, detail: "last run \(started): completed (\(tally))")
        }
    }

    func pendingJobChecks(_ config: Config, store: JobStore) -> [DoctorCheck] {
        let pending: [Job]
        do { pending = try store.jobs(status: .pending).map(\.job) } catch {
            return [DoctorCheck(check: .stuckLeases, verdict: .fail, detail: "cannot read the jobs: \(Self.describe(error))")]
        }
        let stuckBefore = Timestamp(now).adding(seconds: -Doctor.stuckLeaseFactor * Double(config.leaseSeconds))
        let stuck = pending.filter { job in
            guard job.leaseOwner != nil, let expires = job.leaseExpiresAt else { return false }
            return expires < stuckBefore
        }
        let leaseCheck = stuck.isEmpty
            ? DoctorCheck(check: .stuckLeases, verdict: .pass, detail: "no job holds a long-expired lease")
            : DoctorCheck(check: .stuckLeases, verdict: .warn,
                          detail: "\(stuck.count) job(s) hold a lease that expired over \(Int(Doctor.stuckLeaseFactor)) x lease_seconds ago "
                              + "(their run died and no run has taken them over since): \(Self.ids(stuck))",
                          hint: "pfc-jobs check takes them over; if this persists, check the schedule (pfc-jobs schedule status)")

        let expiryBefore = Timestamp(now).adding(seconds: -Doctor.nearExpiryHours * 3600)
        let old = pending.filter { job in
            guard let submitted = job.submittedAt, !job.isUnboundIntent else { return false }
            return submitted < expiryBefore
        }
        let expiryCheck = old.isEmpty
            ? DoctorCheck(check: .nearExpiry, verdict: .pass,
                          detail: "no pending job is older than \(Int(Doctor.nearExpiryHours)) h (\(pending.count) pending)")
            : DoctorCheck(check: .nearExpiry, verdict: .warn,
                          detail: "\(old.count) pending job(s) were submitted over \(Int(Doctor.nearExpiryHours)) h ago; "
                              + "Gemini drops unfinished batches after 48 h: \(Self.ids(old))",
                          hint: "pfc-jobs check --job ID retrieves one now; pfc-jobs show ID tells its state")
        return [leaseCheck, expiryCheck]
    }

    func failedJobsCheck(store: JobStore) -> DoctorCheck {
        let counts: [JobStatus: Int]
        do { counts = try store.jobCounts() } catch {
            return DoctorCheck(check: .failedJobs, verdict: .fail, detail: "cannot count the jobs: \(Self.describe(error))")
        }
        let total = counts.values.reduce(0, +)
        let failed = counts[.failed] ?? 0
        guard failed == 0 else {
            return DoctorCheck(check: .failedJobs, verdict: .warn, detail: "\(failed) of \(total) job(s) failed",
                               hint: "pfc-jobs list --status failed shows why; pfc-jobs retry ID tries one again")
        }
        return DoctorCheck(check: .failedJobs, verdict: .pass, detail: "no failed jobs (\(total) in total)")
    }

    /// The first few ids, so a line stays readable with thousands of jobs.
    static func ids(_ jobs: [Job]) -> String {
        let shown = jobs.prefix(5).map(\.id).joined(separator: ", ")
        return jobs.count > 5 ? shown + ", ... (\(jobs.count - 5) more)" : shown
    }

    static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
