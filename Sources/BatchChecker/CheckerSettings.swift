import Foundation
import ModelCatalogue
import PFCConfig

/// What one check run needs from the configuration.
public struct CheckerSettings: Sendable {
    public var paths: RootLayout
    public var leaseSeconds: Int
    public var maxAttempts: Int
    public var backoffBaseSeconds: Int
    /// When a batch that is not finished is looked at again.
    public var pollIntervalSeconds: Int
    public var claimBatchSize: Int
    public var maxConcurrentRequests: Int
    public var defaultModel: String
    /// What images cost, for the actual cost from each item's token counts.
    public var prices: PriceTable
    /// Transient errors fail a job only once it is this old (a batch lives up to 48 hours).
    public var giveUpAfterSeconds: Double
    /// The longest wait after a transient error.
    public var maxBackoffSeconds: Double
    /// When a batch that reported SUCCEEDED without its output yet is looked at again.
    public var notReadyRecheckSeconds: Double
    /// libwebp's effort; 6 is what the legacy tool used.
    public var webpMethod: Int = 6
    /// Images decoded and encoded at once: one per core.
    public var conversionWorkers: Int = 2

    public init(config: Config) {
        paths = config.paths
        leaseSeconds = config.leaseSeconds
        maxAttempts = config.maxAttempts
        backoffBaseSeconds = config.backoffBaseSeconds
        pollIntervalSeconds = config.pollIntervalSeconds
        claimBatchSize = config.claimBatchSize
        maxConcurrentRequests = config.maxConcurrentRequests
        defaultModel = config.defaultModel
        prices = config.prices
        giveUpAfterSeconds = Double(config.giveUpAfterHours) * 3600
        maxBackoffSeconds = Double(config.maxBackoffSeconds ?? max(60, 2 * config.pollIntervalSeconds))
        notReadyRecheckSeconds = Double(min(max(config.pollIntervalSeconds, 1), 60))
    }
}
