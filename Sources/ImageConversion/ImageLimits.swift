/// Upper bounds checked against an image header before any pixel buffer is allocated,
/// so a hostile 60000x60000 header cannot take the process down.
///
/// ```swift
/// let image = try ImageDecoder.decode(bytes, limits: ImageLimits(maxDimension: 4096, maxPixels: 8_000_000))
/// ```
public struct ImageLimits: Sendable, Equatable {
    public var maxDimension: Int
    public var maxPixels: Int

    public init(maxDimension: Int, maxPixels: Int) {
        self.maxDimension = maxDimension
        self.maxPixels = maxPixels
    }

    /// 16384 per side, 256 MPixel: what the decoder accepts at all.
    public static let `default` = ImageLimits(maxDimension: 16_384, maxPixels: 256 * 1024 * 1024)

    /// What the checker decodes and converts to WebP: libwebp takes at most 16383 per side, and 40 MPixel
    /// (160 MB of RGBA) keeps two image workers well inside memory; Gemini's 4K images are about 4096 x 4096.
    /// A larger image is kept as the original, without its WebP.
    public static let conversion = ImageLimits(maxDimension: 16_383, maxPixels: 40_000_000)

    /// Whether a picture of this size is within the limits.
    public func admits(width: Int, height: Int) -> Bool {
        width > 0 && height > 0 && width <= maxDimension && height <= maxDimension && width * height <= maxPixels
    }

    func check(width: Int, height: Int) throws {
        guard width > 0, height > 0 else { throw ImageError.corrupt("header announces \(width)x\(height) pixels") }
        guard width <= maxDimension, height <= maxDimension, width * height <= maxPixels else {
            throw ImageError.tooLarge(width: width, height: height, limits: self)
        }
    }
}
