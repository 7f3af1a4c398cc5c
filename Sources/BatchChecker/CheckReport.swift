/// What one check run did.
public struct CheckReport: Sendable, Equatable {
    /// Jobs claimed and looked at.
    public var claimed = 0
    /// Jobs whose results were retrieved (completed).
    public var retrieved = 0
    /// Jobs that ended failed, cancelled or expired.
    public var failed = 0
    /// Transient errors (the job stays pending with backoff) and failed items.
    public var errors = 0
    /// Jobs still running remotely.
    public var stillRunning = 0
    /// Images written (original, sidecars and WebP where asked).
    public var imagesWritten = 0
    /// Images whose item failed (blocked, no image, corrupt bytes, ...).
    public var imagesFailed = 0
    /// Entries other programs appended to the tracking file, picked up at the start.
    public var appendedEntries = 0
    /// Why the tracking file could not be exported (a refused link or FIFO, a full disk, a file that is
    /// not valid JSON); nil when it was written, up to date, or left alone for a writer at work. The CLI
    /// exits 1 when set.
    public var exportFailure: String?

    public init() {}

    /// Adds another report's tallies (a job handled concurrently) to this one.
    public mutating func add(_ other: CheckReport) {
        claimed += other.claimed
        retrieved += other.retrieved
        failed += other.failed
        errors += other.errors
        stillRunning += other.stillRunning
        imagesWritten += other.imagesWritten
        imagesFailed += other.imagesFailed
        appendedEntries += other.appendedEntries
    }

    /// The legacy closing line users grep for.
    public var summaryLine: String { "Batch check complete: \(retrieved) retrieved, \(failed + errors) failed/errors" }
}
