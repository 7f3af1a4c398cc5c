/// Exponential backoff with full jitter for transient failures.
///
/// The n-th consecutive failure waits a random time between 0 and `min(maxSeconds, baseSeconds * 2^(n-1))`,
/// which spreads retries of many jobs instead of bunching them.
///
/// ```swift
/// let ceiling = Backoff.ceiling(attempt: 3, baseSeconds: 60, maxSeconds: 3600)   // 240
/// let delay = Backoff.fullJitter(ceiling)                                        // 0...240
/// ```
public enum Backoff {
    /// Default upper bound of one wait (a day): beyond it a cron user would rather see the job fail.
    public static let defaultMaxSeconds: Double = 86_400

    /// The largest wait after the `attempt`-th consecutive failure (attempt counts from 1).
    public static func ceiling(attempt: Int, baseSeconds: Double, maxSeconds: Double = defaultMaxSeconds) -> Double {
        let doublings = Double(sign: .plus, exponent: min(max(attempt, 1) - 1, 1000), significand: 1)
        return min(maxSeconds, max(0, baseSeconds) * doublings)
    }

    /// A uniformly random wait in `0...ceiling`.
    @Sendable public static func fullJitter(_ ceiling: Double) -> Double {
        ceiling > 0 ? Double.random(in: 0...ceiling) : 0
    }
}
