/// The local status of a job: what pfc-jobs still has to do with it.
///
/// Raw values are the strings stored in `jobs.status` and shown by `list`. Only ``pending`` jobs
/// are ever claimed by the checker; the other four are terminal.
///
/// ```swift
/// let open = try store.jobs(status: .pending)
/// ```
public enum JobStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The checker will still act on it.
    case pending
    /// Results retrieved.
    case completed
    /// The batch failed, could not be found, or ran out of attempts.
    case failed
    /// The batch was cancelled.
    case cancelled
    /// The batch expired on the API side.
    case expired

    /// Every status except ``pending``: the checker never touches the job again (unless `retry`).
    public var isTerminal: Bool { self != .pending }
}
