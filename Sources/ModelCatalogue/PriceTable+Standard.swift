extension PriceTable {
    /// The built-in table, dated. Interactive prices in USD per 1M tokens; the batch price is `batchFactor`
    /// times them. A config's `prices` (an object or a JSON file of the same shape) overrides any figure.
    ///
    /// - gemini-3-pro-image: Google's 2026 pricing (https://ai.google.dev/gemini-api/docs/pricing; output images
    ///   $120 / 1M tokens, so $0.134 per 1K/2K image interactive, $0.067 in batch; input $2 / 1M); text
    ///   output $12 / 1M as Gemini 3 Pro.
    /// - gemini-3.1-flash-image and gemini-3.1-flash-lite-image: the project's notes give no figure. ASSUMED:
    ///   flash at half of pro ($60 / 1M image tokens, input $0.50, text $3), lite at half of flash.
    /// - Search grounding: ASSUMED $14 per 1,000 grounded requests (Gemini 3 grounding), not halved in batch.
    /// - Tokens per image: 747 (512), 1120 (1K and 2K), 2000 (4K); 560 per reference image (§12 row 11).
    /// - Prompt text is estimated at 4 UTF-8 bytes per token; the service's count replaces it at retrieval.
    public static let standard = PriceTable(
        asOf: "2026-12-01",
        source: "gemini-batch-api.md section 12 (Google pricing 2026); flash, flash-lite and search figures assumed",
        batchFactor: 0.5,
        outputTokensPerImage: ["512": 747, "1K": 1120, "2K": 1120, "4K": 2000],
        inputTokensPerReferenceImage: 560,
        charactersPerTextToken: 4,
        models: [
            "gemini-3-pro-image": ModelPrice(inputPerMillion: 2.0, textOutputPerMillion: 12.0, imageOutputPerMillion: 120.0,
                                             searchGroundingPerThousand: 14.0, note: "Google pricing 2026"),
            "gemini-3.1-flash-image": ModelPrice(inputPerMillion: 0.5, textOutputPerMillion: 3.0, imageOutputPerMillion: 60.0,
                                                 searchGroundingPerThousand: 14.0, note: "assumed: half of pro"),
            "gemini-3.1-flash-lite-image": ModelPrice(inputPerMillion: 0.25, textOutputPerMillion: 1.5, imageOutputPerMillion: 30.0,
                                                      searchGroundingPerThousand: 14.0, note: "assumed: half of flash"),
        ]
    )
}
