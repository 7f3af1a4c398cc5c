/// What images cost: Google's interactive prices per model (dated data, ``standard``), the batch factor
/// (batch is half price), and the token counts an image of each size takes. `submit` records an estimate,
/// `check` the actual cost from each item's `usageMetadata`. A config can override any figure (`prices`).
///
/// ```swift
/// let table = PriceTable.standard
/// table.estimate(model: "gemini-3-pro-image", prompt: "a frog", imageSize: "1K")   // 0.067202 (batch)
/// table.actualCost(model: "gemini-3-pro-image", promptTokens: 7, candidatesTokens: 1120)   // 0.067207
/// ```
/// Costs are USD rounded to 6 decimals; nil for a model the table has no price for.
public struct PriceTable: Sendable, Hashable {
    /// The day the figures were taken (`YYYY-MM-DD`).
    public var asOf: String
    /// Where they come from.
    public var source: String
    /// Batch price as a fraction of the interactive one.
    public var batchFactor: Double
    /// Output tokens of one image by its size (`512`, `1K`, `2K`, `4K`).
    public var outputTokensPerImage: [String: Int]
    /// Input tokens of one reference image.
    public var inputTokensPerReferenceImage: Int
    /// For estimating the prompt's tokens before the service counts them.
    public var charactersPerTextToken: Double
    /// By bare model id.
    public var models: [String: ModelPrice]

    public init(asOf: String, source: String, batchFactor: Double, outputTokensPerImage: [String: Int],
                inputTokensPerReferenceImage: Int, charactersPerTextToken: Double, models: [String: ModelPrice]) {
        self.asOf = asOf
        self.source = source
        self.batchFactor = batchFactor
        self.outputTokensPerImage = outputTokensPerImage
        self.inputTokensPerReferenceImage = inputTokensPerReferenceImage
        self.charactersPerTextToken = charactersPerTextToken
        self.models = models
    }

    /// The prices of a model id (bare or `models/...`).
    public func price(for model: String) -> ModelPrice? { models[ModelCatalogue.bareID(model)] }

    /// The batch cost of one request before it runs: its prompt and reference images in, one image of
    /// `imageSize` out, the search fee when grounded. Thinking tokens are unknown until the result; the
    /// actual cost counts them.
    public func estimate(model: String, prompt: String, imageSize: String = ImageSize.apiDefault,
                         referenceImages: Int = 0, searchGrounding: Bool = false) -> Double? {
        guard let price = price(for: model) else { return nil }
        let promptTokens = (Double(prompt.utf8.count) / max(charactersPerTextToken, 1)).rounded(.up)
        let inputTokens = promptTokens + Double(referenceImages * inputTokensPerReferenceImage)
        let imageTokens = Double(outputTokensPerImage[imageSize] ?? outputTokensPerImage[ImageSize.apiDefault] ?? 0)
        let tokens = inputTokens * price.inputPerMillion + imageTokens * price.imageOutputPerMillion
        return Self.rounded(batchFactor * tokens / 1_000_000 + (searchGrounding ? price.searchGroundingPerThousand / 1000 : 0))
    }

    /// The batch cost of one finished item from its `usageMetadata` token counts. `imageOutputTokens` is the
    /// IMAGE entry of `candidatesTokensDetails` when the service gave one; without it every candidate token is
    /// priced as image output (image models answer with little text). Thinking tokens are priced as text output.
    ///
    /// ```swift
    /// table.actualCost(model: "gemini-3-pro-image", promptTokens: 12, candidatesTokens: 1120, thoughtsTokens: 240)   // 0.068652
    /// ```
    public func actualCost(model: String, promptTokens: Int, candidatesTokens: Int, thoughtsTokens: Int = 0,
                           imageOutputTokens: Int? = nil, searchGrounding: Bool = false) -> Double? {
        guard let price = price(for: model) else { return nil }
        let image = imageOutputTokens.map { min(max($0, 0), candidatesTokens) } ?? candidatesTokens
        let text = candidatesTokens - image + thoughtsTokens
        let tokens = Double(promptTokens) * price.inputPerMillion + Double(image) * price.imageOutputPerMillion
            + Double(text) * price.textOutputPerMillion
        return Self.rounded(batchFactor * tokens / 1_000_000 + (searchGrounding ? price.searchGroundingPerThousand / 1000 : 0))
    }

    /// USD to 6 decimals, so stored figures do not carry float noise.
    public static func rounded(_ usd: Double) -> Double { (usd * 1_000_000).rounded() / 1_000_000 }
}
