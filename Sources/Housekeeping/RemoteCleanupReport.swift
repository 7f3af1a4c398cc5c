/// What a remote cleanup did: per job, deleted now, found already gone (404), or failed (kept for the
/// next cleanup) with the reason.
public struct RemoteCleanupReport: Sendable, Hashable {
    /// Jobs whose batch was deleted by this cleanup.
    public var deleted: [String] = []
    /// Jobs whose batch the API no longer had (404): recorded as gone all the same.
    public var alreadyGone: [String] = []
    /// Uploaded input files deleted (or already gone), across all jobs.
    public var filesDeleted = 0
    /// Jobs left as they were: the job id and why (a transient API error); the next cleanup tries again.
    public var failed: [Failure] = []
    /// Jobs skipped because they changed meanwhile (made pending again, or cleaned by another run).
    public var skipped: [String] = []

    public struct Failure: Sendable, Hashable {
        public var jobID: String
        public var reason: String
    }

    public init() {}

    /// `3 batches deleted, 1 already gone, 0 failed` (and the files, when there were any).
    public var summary: String {
        var text = "\(deleted.count) \(deleted.count == 1 ? "batch" : "batches") deleted, \(alreadyGone.count) already gone, "
            + "\(failed.count) failed"
        if filesDeleted > 0 { text += ", \(filesDeleted) input \(filesDeleted == 1 ? "file" : "files") deleted" }
        return text
    }
}
