import Foundation
import ModelCatalogue
import PFCConfig
import Testing

/// The catalogue's facts and rules: what each live model takes, what replaces each retired id, and how the
/// old tool's words map onto the API's values.
@Suite struct CatalogueTests {
    @Test func lookupKnowsLiveRetiredAndUnknownIdsWithOrWithoutThePrefix() throws {
        guard case .live(let pro) = ModelCatalogue.lookup("models/gemini-3-pro-image") else { Issue.record("not live"); return }
        #expect(pro.id == ModelCatalogue.defaultModelID)
        #expect(ModelCatalogue.lookup("gemini-3-pro-image-preview").replacement == "gemini-3-pro-image")
        #expect(ModelCatalogue.lookup("gemini-3.1-flash-image-preview").replacement == "gemini-3.1-flash-image")
        #expect(ModelCatalogue.lookup("models/gemini-2.5-flash-image").replacement == "gemini-3.1-flash-image")
        #expect(ModelCatalogue.lookup("gemini-9-imaginary") == .unknown("gemini-9-imaginary"))
        #expect(ModelCatalogue.retirementNotice(for: "gemini-2.5-flash-image")
            == "gemini-2.5-flash-image was shut down on 2026-10-02; use gemini-3.1-flash-image")
        #expect(ModelCatalogue.retirementNotice(for: "gemini-3-pro-image") == nil)
        #expect(ModelCatalogue.bareID("models/x") == "x" && ModelCatalogue.bareID("x") == "x")
        // Every replacement is itself live, and no id is both.
        for gone in ModelCatalogue.retired {
            guard case .live = ModelCatalogue.lookup(gone.replacement) else { Issue.record("\(gone.replacement) not live"); continue }
            #expect(!ModelCatalogue.live.contains { $0.id == gone.id })
        }
    }

    @Test func qualityWordsPickTheModels() throws {
        #expect(ModelCatalogue.model(for: try Quality.parse("pro")).id == "gemini-3-pro-image")
        #expect(ModelCatalogue.model(for: try Quality.parse("FAST")).id == "gemini-3.1-flash-image")
        #expect(throws: ModelRuleError.self) { try Quality.parse("lite") }
        #expect(throws: ModelRuleError.self) { try Quality.parse("best") }
    }

    @Test func sizeWordsMapAsTheOldToolDidAndApiValuesKeepTheirCase() throws {
        let expected = ["small": "1K", "medium": "2K", "large": "2K", "xlarge": "4K", "1k": "1K", "2K": "2K", "4k": "4K", "512": "512"]
        for (word, size) in expected { #expect(try ImageSize.apiValue(word) == size, "\(word)") }
        let error = try #require(throws: ModelRuleError.self) { try ImageSize.apiValue("huge") }
        #expect(error.description == "--image-size huge: the option takes 512, 1K, 2K, 4K or small, medium, large, xlarge")
    }

    @Test func proTakesItsSizesAndTheTenRatiosOnly() throws {
        let pro = ModelCatalogue.model(for: .pro)
        let large = try pro.validate(ImageOptions(imageSize: "large", aspectRatio: "16:9", thinkingLevel: "High"))
        #expect(large.imageSize == "2K" && large.effectiveImageSize == "2K" && large.aspectRatio == "16:9")
        #expect(large.thinkingLevel?.apiValue == "HIGH")
        #expect(try pro.validate(ImageOptions()).imageSize == nil, "no size given: none sent")
        #expect(try pro.validate(ImageOptions()).effectiveImageSize == "1K", "the API default is recorded")
        let small = try #require(throws: ModelRuleError.self) { try pro.validate(ImageOptions(imageSize: "512")) }
        #expect(small.description == "--image-size 512: gemini-3-pro-image takes 1K, 2K, 4K (or small=1K, medium=2K, large=2K, xlarge=4K)")
        let tall = try #require(throws: ModelRuleError.self) { try pro.validate(ImageOptions(aspectRatio: "1:8")) }
        #expect(tall.describe(asField: true).hasPrefix("aspect_ratio \"1:8\": gemini-3-pro-image takes 1:1, 2:3"))
        #expect(throws: ModelRuleError.self) { try pro.validate(ImageOptions(referenceImageCount: 15)) }
    }

    @Test func flashTakes512AndTheExtremeRatios() throws {
        let flash = ModelCatalogue.model(for: .fast)
        let resolved = try flash.validate(ImageOptions(imageSize: "512", aspectRatio: "8:1", mediaResolution: "low"))
        #expect(resolved.imageSize == "512" && resolved.aspectRatio == "8:1")
        #expect(resolved.mediaResolution?.apiValue == "MEDIA_RESOLUTION_LOW")
        #expect(throws: ModelRuleError.self) { try flash.validate(ImageOptions(aspectRatio: "2:1")) }
    }

    @Test func flashLiteMakes1KOnlyAndIsNeverSentAnImageSize() throws {
        guard case .live(let lite) = ModelCatalogue.lookup("gemini-3.1-flash-lite-image") else { Issue.record("not live"); return }
        let oneK = try lite.validate(ImageOptions(imageSize: "small"))
        #expect(oneK.imageSize == nil && oneK.effectiveImageSize == "1K")
        #expect(try lite.validate(ImageOptions()).effectiveImageSize == "1K")
        let big = try #require(throws: ModelRuleError.self) { try lite.validate(ImageOptions(imageSize: "2K")) }
        #expect(big.description == "--image-size 2K: gemini-3.1-flash-lite-image makes 1K images only and takes no image size")
        #expect(throws: ModelRuleError.self) { try lite.validate(ImageOptions(thinkingLevel: "low")) }
        #expect(throws: ModelRuleError.self) { try lite.validate(ImageOptions(searchGrounding: true)) }
    }

    @Test func anUnknownModelGetsOnlyTheValuesNoModelCouldTakeRefused() throws {
        let resolved = try ImageOptions(imageSize: "xlarge", aspectRatio: "7:3").resolvedWithoutModelRules()
        #expect(resolved.imageSize == "4K" && resolved.aspectRatio == "7:3")
        #expect(throws: ModelRuleError.self) { try ImageOptions(thinkingLevel: "max").resolvedWithoutModelRules() }
    }

    @Test func aConfigNamingARetiredModelNamesTheKeyTheFileAndTheReplacement() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("config.json")
        try Data(#"{"default_model": "gemini-3-pro-image-preview"}"#.utf8).write(to: file)
        let config = try Config.read(file: file, home: folder.path)
        let problem = try #require(config.defaultModelProblem)
        #expect(problem.description == "\(file.path): \"default_model\": gemini-3-pro-image-preview was shut down on 2026-06-25; use gemini-3-pro-image")
        #expect(Config.defaults(home: "/h").defaultModel == "gemini-3-pro-image")
        #expect(Config.defaults(home: "/h").defaultModelProblem == nil)
    }
}
