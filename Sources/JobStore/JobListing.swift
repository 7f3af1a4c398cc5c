/// A job with its image tallies, as `list` shows it.
public struct JobListing: Sendable, Hashable {
    public var job: Job
    /// All images registered for the job.
    public var imageCount: Int
    public var doneImageCount: Int
    public var failedImageCount: Int

    public init(job: Job, imageCount: Int, doneImageCount: Int, failedImageCount: Int) {
        self.job = job
        self.imageCount = imageCount
        self.doneImageCount = doneImageCount
        self.failedImageCount = failedImageCount
    }
}
