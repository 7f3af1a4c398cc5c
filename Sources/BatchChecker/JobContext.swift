import JobStore
import WorkerThreads

/// What the handling of one claimed job carries: its claim, the lease keeper, and the run's shared threads.
struct JobContext: Sendable {
    let claim: Claim
    let heartbeat: LeaseHeartbeat
    /// Threads for this job's blocking work (database writes, reading its items).
    let jobThreads: WorkerThreads
    /// The run's image workers, shared by every job being retrieved.
    let imageThreads: WorkerThreads

    var jobID: String { claim.jobID }
}
