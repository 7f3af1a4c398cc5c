/// Why an image could not be decoded, encoded or written.
///
/// ```swift
/// do { _ = try ImageDecoder.decode(bytes) }
/// catch ImageError.unsupportedFormat { print("not an image") }
/// ```
public enum ImageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes are not PNG, JPEG or WebP (checked by magic bytes).
    case unsupportedFormat(String)
    /// The bytes claim a known format but cannot be decoded.
    case corrupt(String)
    /// The header announces more pixels than the limits allow; nothing was allocated.
    case tooLarge(width: Int, height: Int, limits: ImageLimits)
    /// A `RasterImage` whose fields disagree with each other or with the encoder.
    case invalidRaster(String)
    /// A C encoder reported a failure.
    case encodingFailed(String)
    /// Reading or writing a file failed; `path` names the file.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .unsupportedFormat(let detail): "unsupported image format: \(detail)"
        case .corrupt(let reason): "corrupt image: \(reason)"
        case .tooLarge(let width, let height, let limits):
            "image too large: \(width)x\(height) exceeds \(limits.maxDimension) per side or \(limits.maxPixels) pixels"
        case .invalidRaster(let reason): "invalid raster: \(reason)"
        case .encodingFailed(let reason): "encoding failed: \(reason)"
        case .io(let path, let reason): "\(path): \(reason)"
        }
    }
}
