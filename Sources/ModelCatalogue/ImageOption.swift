/// A per-request option, with its command-line flag and its field name in prompts files (the old tool's
/// parameter names), so every message names it the way the user wrote it.
public enum ImageOption: String, Sendable, Hashable, CaseIterable {
    case model
    case quality
    case imageSize
    case aspectRatio
    case thinkingLevel
    case searchGrounding
    case mediaResolution
    case referenceImages

    /// `--image-size`.
    public var flag: String {
        switch self {
        case .model: "--model"
        case .quality: "--quality"
        case .imageSize: "--image-size"
        case .aspectRatio: "--aspect-ratio"
        case .thinkingLevel: "--thinking-level"
        case .searchGrounding: "--search-grounding"
        case .mediaResolution: "--media-resolution"
        case .referenceImages: "--reference"
        }
    }

    /// `image_size`.
    public var field: String {
        switch self {
        case .model: "model"
        case .quality: "quality"
        case .imageSize: "image_size"
        case .aspectRatio: "aspect_ratio"
        case .thinkingLevel: "thinking_level"
        case .searchGrounding: "search_grounding"
        case .mediaResolution: "media_resolution"
        case .referenceImages: "reference_images"
        }
    }
}
