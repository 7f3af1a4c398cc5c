/// The batch-wide inputs of rendering one item, gathered once per batch from the batch and the settings.
struct RenderContext: Sendable {
    /// Model id without `models/`.
    var modelID: String
    var seed: UInt64
    var width: Int
    var height: Int
    var style: ImageStyle = .smooth
    /// Thought parts on Gemini 3 models (`EmulatorConfiguration.thoughts`).
    var thoughts: Bool = true
    /// Draft images among the thought parts (`EmulatorConfiguration.draftImages`).
    var draftImages: Int = 1
    /// The key the create carried, for the `quote-key` marker; nil when unknown (control-made batches).
    var apiKey: String?

    var thinks: Bool { thoughts && EmulatedModel.thinks(modelID) }
}
