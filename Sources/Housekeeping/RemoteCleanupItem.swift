import JobStore

/// One job whose things on the API a cleanup deletes: its batch and, when the job records one, its
/// uploaded input file.
public struct RemoteCleanupItem: Sendable, Hashable {
    /// The job id, which is the batch name (`batches/...`).
    public var jobID: String
    /// `files/...`, when the job records an uploaded input file.
    public var inputFile: String?
    /// When the job finished (completed, failed, cancelled or expired), as far as the database knows.
    public var finishedAt: Timestamp?
    public var status: JobStatus
}
