/// The emulator's own small model list, as the real service had it in late 2026: three live image models,
/// and the ids Google shut down (create answers 404 NOT_FOUND for those and for any id it does not know).
/// Kept apart from the product's catalogue on purpose: the emulator plays the service, not the client.
///
/// ```swift
/// EmulatorModels.live(id: "gemini-3-pro-image") != nil       // true
/// EmulatorModels.live(id: "gemini-2.5-flash-image")          // nil: retired 2026-10-02
/// ```
public enum EmulatorModels {
    public static let liveModels: [EmulatedModel] = [
        EmulatedModel(id: "gemini-3-pro-image", displayName: "Nano Banana Pro", version: "3.0",
                      description: "Gemini 3 Pro Image: studio-quality image generation and editing with thinking, up to 4K.",
                      inputTokenLimit: 65_536, outputTokenLimit: 32_768, imageSizes: ["1K", "2K", "4K"],
                      aspectRatios: EmulatedModel.standardAspectRatios),
        EmulatedModel(id: "gemini-3.1-flash-image", displayName: "Nano Banana 2", version: "3.1",
                      description: "Gemini 3.1 Flash Image: fast image generation and editing, 512 px to 4K, extreme aspect ratios.",
                      inputTokenLimit: 65_536, outputTokenLimit: 32_768, imageSizes: ["512", "1K", "2K", "4K"],
                      aspectRatios: EmulatedModel.standardAspectRatios + ["1:4", "4:1", "1:8", "8:1"]),
        EmulatedModel(id: "gemini-3.1-flash-lite-image", displayName: "Nano Banana 2 Lite", version: "3.1",
                      description: "Gemini 3.1 Flash-Lite Image: the cheapest image model, 1K output only.",
                      inputTokenLimit: 32_768, outputTokenLimit: 8_192, imageSizes: nil,
                      aspectRatios: EmulatedModel.standardAspectRatios),
    ]

    /// Ids that existed and were shut down; kept apart from "unknown" only for documentation and tests.
    public static let retiredIDs: Set<String> = [
        "gemini-3-pro-image-preview", "gemini-3.1-flash-image-preview", "gemini-2.5-flash-image",
    ]

    /// The live model of that id (`models/` prefix optional), nil when retired or unknown.
    public static func live(id: String) -> EmulatedModel? {
        let bare = bareID(id)
        return liveModels.first { $0.id == bare }
    }

    /// The id without a leading `models/`.
    public static func bareID(_ id: String) -> String {
        id.hasPrefix("models/") ? String(id.dropFirst("models/".count)) : id
    }
}
