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

    /// Every request to the emulated API (control requests excluded), faults and auth failures included.
    public var totalRequests = 0
    /// API requests whose URL carried a `key=` parameter or the API key itself; a correct client keeps this 0.
    public var requestsWithKeyInURL = 0
    /// API requests refused with 403 for a missing or wrong `x-goog-api-key`.
    public var permissionDenied = 0
    public var lists = 0
    /// Faults injected, by `FaultKind` raw value.
    public var faultsInjected: [String: Int] = [:]
    public var batches: [String: BatchCalls] = [:]

    public init() {}
}
