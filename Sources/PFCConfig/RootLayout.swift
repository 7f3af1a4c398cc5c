import Foundation

/// Every place pfc-jobs reads and writes: the image folders, and the database, log, tracking file and
/// batch metadata beside them, all under the images root (the legacy layout).
///
/// ```swift
/// let paths = config.paths
/// paths.originalFolder   // ~/Pictures/ai-generated-images/original
/// ```
public struct RootLayout: Sendable, Equatable {
    public let root: URL
    public let originalFolder: URL
    public let webpFolder: URL
    public let jsonFolder: URL
    public let metadataFolder: URL
    public let trackingFile: URL
    public let batchMetadataFolder: URL
    public let logsFolder: URL
    public let logFile: URL
    /// The SQLite file, or (not a file URL) the PostgreSQL server's URL.
    public let database: URL
    /// What `JobStore(path:)` opens: `database.path` for a file, the URL's text for a server.
    public let databaseLocation: String
    /// True for a PostgreSQL server (no file, no folder to create, nothing to check on disk).
    public var databaseIsServer: Bool { !database.isFileURL }
    /// Batch answers and responses files while a run reads them (`metadata/downloads`), removed after.
    public let downloadFolder: URL

    public init(config: Config) {
        root = config.imagesRoot
        originalFolder = root.appendingPathComponent(config.originalSubdir, isDirectory: true)
        webpFolder = root.appendingPathComponent(config.webpSubdir, isDirectory: true)
        jsonFolder = root.appendingPathComponent(config.jsonSubdir, isDirectory: true)
        metadataFolder = root.appendingPathComponent(config.metadataSubdir, isDirectory: true)
        trackingFile = metadataFolder.appendingPathComponent("batch_jobs_tracking.json")
        batchMetadataFolder = metadataFolder.appendingPathComponent("batch_metadata", isDirectory: true)
        logsFolder = metadataFolder.appendingPathComponent("logs", isDirectory: true)
        logFile = logsFolder.appendingPathComponent("batch_checker.log")
        database = config.jobsDatabase ?? metadataFolder.appendingPathComponent("jobs.sqlite3")
        databaseLocation = DatabaseLocation.storeLocation(database)
        downloadFolder = metadataFolder.appendingPathComponent("downloads", isDirectory: true)
    }
}
