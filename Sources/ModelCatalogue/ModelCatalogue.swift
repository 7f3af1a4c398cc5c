/// The one place that knows which Gemini image models exist, what each accepts, and which ids were shut
/// down (with what replaces them). `submit` checks every value against it before any API call, the config
/// refuses a retired `default_model`, and `doctor --online` names the replacement of a model the service
/// no longer knows.
///
/// ```swift
/// switch ModelCatalogue.lookup("models/gemini-3-pro-image-preview") {
/// case .live(let model): try model.validate(ImageOptions(imageSize: "2K", aspectRatio: "16:9"))
/// case .retired(let retired): print("use \(retired.replacement)")   // gemini-3-pro-image
/// case .unknown(let id): print("\(id) is not in the catalogue; nothing is checked")
/// }
/// ```
/// Facts as of late 2026 (Google's model pages, ai.google.dev/gemini-api/docs/models): the GA ids, the
/// shut-down previews, per-model sizes and aspect ratios. Update `live` and `retired` when Google changes them.
public enum ModelCatalogue {
    /// The model `submit` uses when neither `--model`, `--quality` nor `default_model` says otherwise.
    public static let defaultModelID = "gemini-3-pro-image"

    /// The resource prefix of a model name on the wire (`models/gemini-3-pro-image`).
    public static let resourcePrefix = "models/"

    /// The ten aspect ratios every current image model takes.
    public static let standardAspectRatios = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"]

    /// The image models the service serves, default first.
    public static let live: [ImageModel] = [
        ImageModel(id: "gemini-3-pro-image", name: "Nano Banana Pro", quality: .pro,
                   imageSizes: ["1K", "2K", "4K"], aspectRatios: standardAspectRatios,
                   thinkingLevels: ThinkingLevel.allCases, acceptsSearchGrounding: true),
        ImageModel(id: "gemini-3.1-flash-image", name: "Nano Banana 2", quality: .fast,
                   imageSizes: ["512", "1K", "2K", "4K"], aspectRatios: standardAspectRatios + ["1:4", "4:1", "1:8", "8:1"],
                   thinkingLevels: ThinkingLevel.allCases, acceptsSearchGrounding: true),
        // 1K only and `imageSize` is refused with a 400 (pollinations#12131). No source shows thinkingConfig or
        // the google_search tool accepted on it, and an unsupported field fails the whole batch on the service,
        // so both are refused here, before anything is sent; widen these when Google documents them.
        ImageModel(id: "gemini-3.1-flash-lite-image", name: "Nano Banana 2 Lite", quality: .lite,
                   imageSizes: [], fixedImageSize: "1K", aspectRatios: standardAspectRatios,
                   thinkingLevels: [], acceptsSearchGrounding: false),
    ]

    /// Ids the service has shut down (create answers 404), with the model to use instead.
    public static let retired: [RetiredModel] = [
        RetiredModel(id: "gemini-3-pro-image-preview", replacement: "gemini-3-pro-image", shutDown: "2026-06-25"),
        RetiredModel(id: "gemini-3.1-flash-image-preview", replacement: "gemini-3.1-flash-image", shutDown: nil),
        RetiredModel(id: "gemini-2.5-flash-image", replacement: "gemini-3.1-flash-image", shutDown: "2026-10-02"),
        RetiredModel(id: "gemini-2.5-flash-image-preview", replacement: "gemini-3.1-flash-image", shutDown: nil),
    ]

    /// `models/gemini-3-pro-image` → `gemini-3-pro-image`; a bare id is returned as it is.
    public static func bareID(_ name: String) -> String {
        name.hasPrefix(resourcePrefix) ? String(name.dropFirst(resourcePrefix.count)) : name
    }

    /// What the catalogue knows about a model id (bare or `models/...`).
    public static func lookup(_ id: String) -> ModelLookup {
        let bare = bareID(id)
        if let model = live.first(where: { $0.id == bare }) { return .live(model) }
        if let gone = retired.first(where: { $0.id == bare }) { return .retired(gone) }
        return .unknown(bare)
    }

    /// The live model for a quality word (`pro` → gemini-3-pro-image, `fast` → gemini-3.1-flash-image).
    public static func model(for quality: Quality) -> ImageModel {
        live.first { $0.quality == quality }!
    }

    /// One sentence naming the replacement when `id` was shut down, else nil: for the config, for legacy
    /// jobs and for `doctor`.
    ///
    /// ```swift
    /// ModelCatalogue.retirementNotice(for: "gemini-2.5-flash-image")
    /// // "gemini-2.5-flash-image was shut down on 2026-10-02; use gemini-3.1-flash-image"
    /// ```
    public static func retirementNotice(for id: String) -> String? {
        guard case .retired(let gone) = lookup(id) else { return nil }
        return gone.notice
    }
}
