/// A job handed to one holder by ``JobStore/claimDueJobs(owner:limit:leaseSeconds:now:onlyID:)``.
///
/// Every write made with a claim is fenced: it applies only while the row still carries this owner and
/// token. Once the lease expires and someone else claims the job, the token moves on and this claim's
/// writes throw ``JobStoreError/leaseLost(_:)`` without changing anything. A write after the lease expired
/// still applies while nobody has claimed the job since (the token is unchanged), so a heartbeat
/// (``JobStore/extendLease(_:leaseSeconds:now:)``) is what keeps others out during long work.
///
/// ```swift
/// for claim in try store.claimDueJobs(owner: "host:123", limit: 10, leaseSeconds: 300) {
///     try store.finish(claim, status: .completed, remoteState: "BATCH_STATE_SUCCEEDED")
/// }
/// ```
public struct Claim: Sendable, Hashable {
    /// The job as it was right after the claim.
    public var job: Job
    public var owner: String
    /// The fencing token stamped by this claim.
    public var token: Int64
    public var leaseExpiresAt: Timestamp

    public var jobID: String { job.id }
}
