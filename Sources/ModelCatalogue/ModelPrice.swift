/// One model's published interactive prices in USD; ``PriceTable/batchFactor`` turns them into batch prices.
public struct ModelPrice: Sendable, Hashable {
    /// Per 1M input tokens (prompt text and reference images).
    public var inputPerMillion: Double
    /// Per 1M output text tokens; thinking tokens are billed as these.
    public var textOutputPerMillion: Double
    /// Per 1M output image tokens.
    public var imageOutputPerMillion: Double
    /// Per 1,000 requests grounded with Google Search (not discounted in batch).
    public var searchGroundingPerThousand: Double
    /// Where the figures come from, or that they are an assumption.
    public var note: String?

    public init(inputPerMillion: Double, textOutputPerMillion: Double, imageOutputPerMillion: Double,
                searchGroundingPerThousand: Double, note: String? = nil) {
        self.inputPerMillion = inputPerMillion
        self.textOutputPerMillion = textOutputPerMillion
        self.imageOutputPerMillion = imageOutputPerMillion
        self.searchGroundingPerThousand = searchGroundingPerThousand
        self.note = note
    }
}
