import Foundation
import ModelCatalogue
import PFCConfig
import Testing

/// The price table: batch prices from the dated interactive figures, estimates and actual costs by hand-worked
/// numbers, and a config's `prices` laid over the built-in table.
@Suite struct PriceTableTests {
    let table = PriceTable.standard

    @Test func everyLiveModelHasAPriceAndTheTableIsDated() {
        for model in ModelCatalogue.live { #expect(table.price(for: model.id) != nil, "\(model.id)") }
        #expect(table.asOf == "2026-12-01")
        #expect(table.batchFactor == 0.5)
    }

    @Test func estimatesFollowTheDocumentedTokenCounts() throws {
        // gemini-3-pro-image: $120 / 1M image tokens interactive, so $60 in batch: 1120 tokens = $0.0672, 2000 = $0.12.
        // "a frog" is 6 bytes = 2 estimated tokens at $1 / 1M in batch.
        #expect(table.estimate(model: "gemini-3-pro-image", prompt: "a frog", imageSize: "1K") == 0.067202)
        #expect(table.estimate(model: "gemini-3-pro-image", prompt: "a frog", imageSize: "2K") == 0.067202)
        #expect(table.estimate(model: "gemini-3-pro-image", prompt: "a frog", imageSize: "4K") == 0.120002)
        // Two reference images: 2 x 560 input tokens = 1120 x $1 / 1M.
        #expect(table.estimate(model: "gemini-3-pro-image", prompt: "a frog", imageSize: "1K", referenceImages: 2) == 0.068322)
        // Search grounding: $14 per 1,000 requests, not halved.
        #expect(table.estimate(model: "gemini-3-pro-image", prompt: "a frog", searchGrounding: true) == 0.081202)
        // 512 on flash: 747 tokens x $30 / 1M (batch).
        #expect(table.estimate(model: "models/gemini-3.1-flash-image", prompt: "", imageSize: "512") == 0.02241)
        #expect(table.estimate(model: "gemini-9-imaginary", prompt: "x") == nil)
    }

    @Test func actualCostsPriceThinkingAsTextAndImagesAsImages() {
        // 12 prompt x $1 + 1120 image x $60 + 240 thinking x $6 (batch, per 1M).
        #expect(table.actualCost(model: "gemini-3-pro-image", promptTokens: 12, candidatesTokens: 1120, thoughtsTokens: 240) == 0.068652)
        // With the IMAGE detail, the other 20 candidate tokens are text.
        #expect(table.actualCost(model: "gemini-3-pro-image", promptTokens: 0, candidatesTokens: 1140, imageOutputTokens: 1120) == 0.06732)
        #expect(table.actualCost(model: "gemini-9-imaginary", promptTokens: 1, candidatesTokens: 1) == nil)
    }

    @Test func aConfigOverridesOneFigureAndKeepsTheRest() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prices-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.json")
        try Data(#"{"prices": {"as_of": "2027-01-15", "models": {"gemini-3-pro-image": {"image_output_per_million": 100}, "gemini-4-image": {"image_output_per_million": 50}}}}"#.utf8).write(to: config)
        let prices = try Config.read(file: config, home: folder.path).prices
        #expect(prices.asOf == "2027-01-15")
        #expect(prices.price(for: "gemini-3-pro-image")?.imageOutputPerMillion == 100)
        #expect(prices.price(for: "gemini-3-pro-image")?.inputPerMillion == 2, "the other figures stay")
        #expect(prices.estimate(model: "gemini-4-image", prompt: "", imageSize: "1K") == 0.028, "a new model can be priced")

        // The same as a file beside the config.
        try Data(#"{"batch_factor": 1}"#.utf8).write(to: folder.appendingPathComponent("prices.json"))
        try Data(#"{"prices": "prices.json"}"#.utf8).write(to: config)
        #expect(try Config.read(file: config, home: folder.path).prices.batchFactor == 1)

        try Data(#"{"prices": {"models": {"gemini-3-pro-image": {"input_per_million": -1}}}}"#.utf8).write(to: config)
        let error = try #require(throws: ConfigError.self) { try Config.read(file: config, home: folder.path) }
        #expect(error.description.contains("\"prices.models.gemini-3-pro-image.input_per_million\" is -1.0"), "\(error)")
        try Data(#"{"prices": "missing.json"}"#.utf8).write(to: config)
        #expect(throws: ConfigError.self) { try Config.read(file: config, home: folder.path) }
    }
}
