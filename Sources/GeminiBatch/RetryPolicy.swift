/// Bounds and pacing of retries: exponential backoff with full jitter, capped in count and in total time.
///
/// ```swift
/// let policy = RetryPolicy(maxAttempts: 5, baseDelay: 0.5, maxDelay: 30, maxTotal: 120)
/// ```
/// A server hint (`Retry-After`, `RetryInfo.retryDelay`) replaces the jittered delay; a retry whose wait
/// would pass `maxTotal` is not made.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first one included (1 = never retry).
    public var maxAttempts: Int
    /// Seconds; the backoff ceiling before jitter is `baseDelay * 2^(attempt-1)`.
    public var baseDelay: Double
    /// Seconds; the largest jittered delay.
    public var maxDelay: Double
    /// Seconds from the first attempt after which no new attempt starts.
    public var maxTotal: Double

    public init(maxAttempts: Int = 5, baseDelay: Double = 0.5, maxDelay: Double = 30, maxTotal: Double = 120) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
        self.maxTotal = max(0, maxTotal)
    }

    public static let `default` = RetryPolicy()
    /// Every failure is final.
    public static let noRetries = RetryPolicy(maxAttempts: 1)

    /// Delay before retry number `retry` (1 = first retry): uniform in [0, min(maxDelay, base*2^(retry-1))],
    /// or the server's hint when it gave one.
    public func delay(beforeRetry retry: Int, serverHint: Double?,
                      using generator: inout some RandomNumberGenerator) -> Double {
        if let serverHint, serverHint >= 0 { return serverHint }
        let exponent = Double(min(max(retry - 1, 0), 30))
        let ceiling = min(maxDelay, baseDelay * pow2(exponent))
        guard ceiling > 0 else { return 0 }
        return Double.random(in: 0...ceiling, using: &generator)
    }

    private func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }
}
