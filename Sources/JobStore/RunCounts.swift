/// The tallies a check run records when it ends.
///
/// ```swift
/// try store.finishRun(id: run, counts: RunCounts(claimed: 3, retrieved: 2, failed: 1), outcome: .completed)
/// ```
public struct RunCounts: Sendable, Hashable {
    public var claimed: Int
    public var retrieved: Int
    public var failed: Int
    public var errors: Int

    public init(claimed: Int = 0, retrieved: Int = 0, failed: Int = 0, errors: Int = 0) {
        self.claimed = claimed
        self.retrieved = retrieved
        self.failed = failed
        self.errors = errors
    }
}
