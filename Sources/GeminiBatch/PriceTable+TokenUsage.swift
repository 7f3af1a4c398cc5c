import ModelCatalogue

extension PriceTable {
    /// The batch cost of one item from its parsed `usageMetadata`; nil when the table has no price for the model.
    ///
    /// ```swift
    /// if let usage = item.usage { cost = config.prices.actualCost(model: model, usage: usage) }
    /// ```
    public func actualCost(model: String, usage: TokenUsage, searchGrounding: Bool = false) -> Double? {
        actualCost(model: model, promptTokens: usage.promptTokens, candidatesTokens: usage.candidatesTokens,
                   thoughtsTokens: usage.thoughtsTokens, searchGrounding: searchGrounding)
    }
}
