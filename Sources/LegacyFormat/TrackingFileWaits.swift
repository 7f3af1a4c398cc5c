/// How long pfc-jobs waits on the tracking file when another program seems to be busy with it. Every
/// wait is bounded: past it the run leaves the file alone, says why, and finishes.
///
/// ```swift
/// let report = try TrackingExport.run(store: store, to: file, waits: TrackingFileWaits(settleSeconds: 1))
/// ```
public struct TrackingFileWaits: Sendable, Equatable {
    /// How long a file that looks mid-write (empty, not valid JSON yet, fewer entries than the last
    /// export) is watched for the writer to finish.
    public var settleSeconds: Double
    /// How long a file with fewer entries than the last export must stay unchanged to count as finished
    /// (a writer that read an older version wrote it back; what it lacks is in the database).
    public var quietSeconds: Double
    /// How long the export waits for `<file>.lock`, held by another pfc-jobs export.
    public var lockSeconds: Double
    /// The bound on one whole export, however often the file changes under it.
    public var exportSeconds: Double

    public init(settleSeconds: Double = 3, quietSeconds: Double = 0.25, lockSeconds: Double = 10, exportSeconds: Double = 30) {
        self.settleSeconds = settleSeconds
        self.quietSeconds = quietSeconds
        self.lockSeconds = lockSeconds
        self.exportSeconds = exportSeconds
    }

    /// What `check`, `export-json` and `import-json` use.
    public static let standard = TrackingFileWaits()
}
