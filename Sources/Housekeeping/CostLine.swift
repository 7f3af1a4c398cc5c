/// One line of the cost ledger: the jobs of one month, day, model or the one job, with their figures.
///
/// Estimates are what `submit` recorded (a legacy job's `cost`); actual costs are what the checker recorded
/// from the results' token counts, summed over the jobs that have one (``jobsWithActualCost`` tells how many).
public struct CostLine: Sendable, Hashable {
    /// The month (`2026-12`), day (`2026-12-07`), model id, or job id of the line; `total` for the total.
    public var key: String
    public var jobs = 0
    public var imagesRetrieved = 0
    public var imagesFailed = 0
    /// The sum of the known estimates, USD at batch prices.
    public var estimatedUSD = 0.0
    /// Jobs without an estimate (a model the price table did not know): not in ``estimatedUSD``.
    public var jobsWithoutEstimate = 0
    /// The sum of the recorded actual costs, USD; nil when no job of the line has one yet.
    public var actualUSD: Double?
    public var jobsWithActualCost = 0
    /// For a line of one job: its model, status and submission day; nil otherwise.
    public var model: String?
    public var status: String?
    public var day: String?

    public init(key: String) { self.key = key }

    /// Adds one job's figures.
    mutating func add(estimate: Double?, actual: Double?, retrieved: Int, failed: Int) {
        jobs += 1
        imagesRetrieved += retrieved
        imagesFailed += failed
        if let estimate { estimatedUSD += estimate } else { jobsWithoutEstimate += 1 }
        if let actual {
            actualUSD = (actualUSD ?? 0) + actual
            jobsWithActualCost += 1
        }
    }

    /// Adds another line's figures (for the total).
    mutating func add(_ other: CostLine) {
        jobs += other.jobs
        imagesRetrieved += other.imagesRetrieved
        imagesFailed += other.imagesFailed
        estimatedUSD += other.estimatedUSD
        jobsWithoutEstimate += other.jobsWithoutEstimate
        if let actual = other.actualUSD { actualUSD = (actualUSD ?? 0) + actual }
        jobsWithActualCost += other.jobsWithActualCost
    }

    /// Sums kept to the micro-dollar, so adding many doubles shows no float noise.
    mutating func round() {
        estimatedUSD = Self.rounded(estimatedUSD)
        actualUSD = actualUSD.map(Self.rounded)
    }

    static func rounded(_ usd: Double) -> Double { (usd * 1_000_000).rounded() / 1_000_000 }
}
