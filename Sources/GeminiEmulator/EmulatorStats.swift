/// Call counters, served as JSON by `GET /_emulator/stats` and decodable with `JSONDecoder`.
///
/// ```swift
/// let stats = try JSONDecoder().decode(EmulatorStats.self, from: body)
/// stats.batches["batches/abc"]?.gets // 3
/// ```
public struct EmulatorStats: Sendable, Codable, Equatable {
    /// Calls made against one batch name (kept after the batch is deleted).
    public struct BatchCalls: Sendable, Codable, Equatable {
        public var creates = 0
        public var gets = 0
        public var downloads = 0
        public var cancels = 0
        public var deletes = 0
        public init() {}
    }

    /// Resumable upload and Files API calls.
    public struct UploadCalls: Sendable, Codable, Equatable {
        /// `X-Goog-Upload-Command: start`: sessions opened.
        public var starts = 0
        /// Commands that carried data (`upload`, `upload, finalize`).
        public var chunks = 0
        public var queries = 0
        /// Files stored.
        public var finalized = 0
        /// Chunks cut by `dropUploadChunk`.
        public var droppedChunks = 0
        /// Commands refused: wrong offset, bad size, unknown session.
        public var refused = 0
        /// `GET files/{id}` and `DELETE files/{id}`.
        public var fileGets = 0
        public var fileDeletes = 0
        /// Batches created from an uploaded file (`inputConfig.fileName`).
        public var fileInputBatches = 0
        public init() {}
    }

    /// Every request to the emulated API (control requests excluded), faults and auth failures included.
    public var totalRequests = 0
    /// API requests whose URL carried a `key=` parameter or the API key itself; a correct client keeps this 0.
    public var requestsWithKeyInURL = 0
    /// API requests refused for their key, whatever the answer: missing (403), wrong or expired (400).
    public var permissionDenied = 0
    /// Of those: no `x-goog-api-key` (403 PERMISSION_DENIED).
    public var apiKeyMissing = 0
    /// Of those: a wrong key (400 API_KEY_INVALID, or 403 with `legacyKeyErrors`).
    public var apiKeyInvalid = 0
    /// Of those: a key in `expiredKeys` (400 API_KEY_EXPIRED).
    public var apiKeyExpired = 0
    /// Creates refused before any batch existed: unknown or retired model (404), invalid body (400).
    public var refusedCreates = 0
    /// `GET models/{m}` calls, and `GET models` pages.
    public var modelGets = 0
    public var modelLists = 0
    /// API requests held without an answer (`hangMilliseconds`, `[emu:hang]`).
    public var hungRequests = 0
    public var lists = 0
    /// Faults injected, by `FaultKind` raw value.
    public var faultsInjected: [String: Int] = [:]
    public var batches: [String: BatchCalls] = [:]
    public var uploads = UploadCalls()

    public init() {}
}
