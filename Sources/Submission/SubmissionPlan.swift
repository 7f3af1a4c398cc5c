import GeminiBatch
import LegacyFormat
import ModelCatalogue

/// A submission checked against the catalogue and ready to send: the model, the API requests (reference
/// images read), the request metadata to record and the cost estimate. Making one touches neither the
/// database nor the network, so every refusal happens before anything is recorded.
///
/// ```swift
/// let plan = try submission.plan(config: config)
/// print(plan.estimatedCostUSD ?? 0)   // batch prices of config.prices
/// let job = try await JobSubmitter(store: store, client: client, paths: config.paths).submit(plan)
/// ```
public struct SubmissionPlan: Sendable {
    /// The bare model id the batch is created for.
    public var model: String
    /// Its rules, when the catalogue knows it.
    public var catalogued: ImageModel?
    public var requests: [BatchRequest]
    /// The `batch_metadata` object (legacy keys plus `model`, the estimate and `requests`).
    public var metadata: RequestMetadata
    /// The whole batch at batch prices (USD); nil when the price table has no price for the model.
    public var estimatedCostUSD: Double?
    /// The date of the price table the estimate used.
    public var priceTableAsOf: String
    /// Things the user should hear about that do not stop the submission (a model the catalogue does not know).
    public var warnings: [String]
}
