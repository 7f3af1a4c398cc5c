/// What one check run reports about itself, beside what the database holds: the CLI fills it from the run's
/// `CheckReport` (the Metrics module does not depend on the checker). Nil fields are not written.
///
/// ```swift
/// let run = RunFigures(imagesWritten: report.imagesWritten, imagesFailed: report.imagesFailed)
/// try MetricsFile.write(store: store, run: run, to: url)
/// ```
public struct RunFigures: Sendable, Equatable {
    /// Images this run wrote.
    public var imagesWritten: Int
    /// Items of this run that gave no image (blocked, no image, corrupt bytes).
    public var imagesFailed: Int
    /// Failed API calls of this run by code (HTTP status, or `transport`, `timeout`, ...), written as
    /// `pfc_jobs_last_run_api_errors`. The checker does not count them yet (nil: not written);
    /// `pfc_jobs_api_errors_total` comes from the jobs' history either way.
    public var apiErrorsByCode: [String: Int]?
    /// Bytes this run downloaded from the API (batch answers, responses files). Not counted by the checker yet;
    /// while nil, no `pfc_jobs_last_run_downloaded_bytes` is written.
    public var downloadedBytes: Int64?

    public init(imagesWritten: Int = 0, imagesFailed: Int = 0, apiErrorsByCode: [String: Int]? = nil,
                downloadedBytes: Int64? = nil) {
        self.imagesWritten = imagesWritten
        self.imagesFailed = imagesFailed
        self.apiErrorsByCode = apiErrorsByCode
        self.downloadedBytes = downloadedBytes
    }
}
