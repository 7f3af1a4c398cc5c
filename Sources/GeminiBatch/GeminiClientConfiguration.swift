import Foundation

/// Where and how a `GeminiBatchClient` talks to the service. Times are in seconds.
///
/// ```swift
/// var configuration = GeminiClientConfiguration(baseURL: "http://127.0.0.1:8080")
/// configuration.retryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 2)
/// ```
public struct GeminiClientConfiguration: Sendable {
    /// Which of the two known forms of the responses-file download path to call.
    public enum DownloadPathStyle: Sendable, Hashable {
        /// `/download/{version}/files/{id}:download?alt=media`, as the REST docs show.
        case downloadPrefix
        /// `/{version}/files/{id}:download?alt=media`, as the Python SDK calls it.
        case plain
    }

    public static let defaultBaseURL = "https://generativelanguage.googleapis.com"

    /// Scheme, host and optional port (and path prefix); a trailing slash is ignored.
    public var baseURL: String
    public var apiVersion: String
    public var downloadPathStyle: DownloadPathStyle
    public var retryPolicy: RetryPolicy
    public var connectTimeout: Double
    /// Whole-transfer limit for API calls.
    public var requestTimeout: Double
    /// Whole-transfer limit for a batch answer or a responses file (0 = none; the low-speed limit still applies:
    /// a finished inline batch can be gigabytes, which takes minutes over a home line).
    public var downloadTimeout: Double
    /// The most bytes an answer held in memory may have (status of an unfinished batch, a list page, an error,
    /// one item without its images); a larger one is refused as `.answerTooLarge`.
    public var maxAnswerBytes: Int
    /// The most bytes a batch answer or responses file may put on disk.
    public var maxDownloadBytes: Int64
    /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` seconds is aborted as a timeout.
    public var lowSpeedLimit: Int
    public var lowSpeedTime: Double
    /// Worker threads, each with its own easy handle and kept-alive connection: the bound on transfers in flight.
    public var maxConcurrentTransfers: Int
    /// Folder for batch answers and responses files while they are read; nil = the system temporary folder.
    public var downloadDirectory: URL?
    public var userAgent: String
    /// Bytes per chunk of a resumable upload (a batch's JSONL input file): a multiple of 256 KiB, the
    /// protocol's granularity (rounded down, at least one granule). Memory does not depend on it: each chunk
    /// is read from disk while it is sent. A dropped connection costs at most one chunk.
    public var uploadChunkSize: Int {
        get { storedUploadChunkSize }
        set { storedUploadChunkSize = max(1, newValue / Self.uploadGranularity) * Self.uploadGranularity }
    }
    private var storedUploadChunkSize = 8 << 20
    /// The resumable upload protocol's default chunk granularity (a server may announce another).
    public static let uploadGranularity = 256 << 10

    public init(
        baseURL: String = GeminiClientConfiguration.defaultBaseURL,
        apiVersion: String = "v1beta",
        downloadPathStyle: DownloadPathStyle = .downloadPrefix,
        retryPolicy: RetryPolicy = .default,
        connectTimeout: Double = 10,
        requestTimeout: Double = 60,
        downloadTimeout: Double = 0,
        maxAnswerBytes: Int = 8 << 20,
        maxDownloadBytes: Int64 = 64 << 30,
        lowSpeedLimit: Int = 1,
        lowSpeedTime: Double = 30,
        maxConcurrentTransfers: Int = 8,
        downloadDirectory: URL? = nil,
        userAgent: String = "pfc-jobs"
    ) {
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.baseURL = trimmed
        self.apiVersion = apiVersion
        self.downloadPathStyle = downloadPathStyle
        self.retryPolicy = retryPolicy
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.downloadTimeout = downloadTimeout
        self.maxAnswerBytes = max(1024, maxAnswerBytes)
        self.maxDownloadBytes = max(1024, maxDownloadBytes)
        self.lowSpeedLimit = lowSpeedLimit
        self.lowSpeedTime = lowSpeedTime
        self.maxConcurrentTransfers = max(1, maxConcurrentTransfers)
        self.downloadDirectory = downloadDirectory
        self.userAgent = userAgent
    }
}
