import GeminiBatch
import ModelCatalogue
import OrderedJSON

/// A submission checked against the catalogue and ready to send: the model, the API requests and the
/// request metadata to record. Making one touches neither the database nor the network, so every refusal
/// happens before anything is recorded.
///
/// ```swift
/// let plan = try submission.plan(config: config)
/// let job = try await JobSubmitter(store: store, client: client, paths: config.paths).submit(plan)
/// ```
public struct SubmissionPlan: Sendable {
    /// The bare model id the batch is created for.
    public var model: String
    /// Its rules, when the catalogue knows it.
    public var catalogued: ImageModel?
    public var requests: [BatchRequest]
    /// The `batch_metadata` object (legacy keys plus `model` and `requests`).
    public var metadata: JSONObject
    /// Things the user should hear about that do not stop the submission (a model the catalogue does not know).
    public var warnings: [String]
}
