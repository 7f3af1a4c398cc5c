/// How a run's downloads and retrievals go, for a person watching (the CLI draws bars from it on a terminal).
///
/// ```swift
/// let checker = BatchChecker(settings: settings, store: store, client: client, logger: logger, progress: { event in
///     if case .retrieving(let job, let done, let total) = event { print(job, done, total ?? 0) }
/// })
/// ```
public enum CheckProgress: Sendable, Equatable {
    /// Bytes of a batch answer or responses file received so far, of `expected` (0 while unknown).
    case downloading(jobID: String, received: Int64, expected: Int64)
    /// Items of a finished batch handled so far, of `total` when the answer said.
    case retrieving(jobID: String, done: Int, total: Int?)
    /// The job's retrieval ended (its summary is in the log and the run's report).
    case finished(jobID: String)
}
