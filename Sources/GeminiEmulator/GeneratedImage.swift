import Foundation
import ImageConversion

/// One encoded result image with its MIME type, as it goes into an `inlineData` part.
///
/// ```swift
/// let image = try GeneratedImage.render(prompt: "a cat", key: "k1", seed: 1, width: 64, height: 64, jpeg: false)
/// image.mimeType // "image/png"
/// ```
public struct GeneratedImage: Sendable {
    public var mimeType: String
    public var bytes: Data

    public static func render(prompt: String, key: String, seed: UInt64,
                              width: Int, height: Int, jpeg: Bool, alpha: Bool = false,
                              corrupt: Bool = false, style: ImageStyle = .smooth) throws -> GeneratedImage {
        let pixels = ImageRenderer.rgbPixels(prompt: prompt, key: key, seed: seed, width: width, height: height,
                                             style: style)
        let raster = alpha ? withAlphaFade(pixels, width: width, height: height)
            : RasterImage(width: width, height: height, channels: 3, pixels: pixels)
        if jpeg {
            return GeneratedImage(mimeType: "image/jpeg", bytes: try ImageEncoding.jpeg(raster, quality: 90, progressive: false))
        }
        var bytes = try ImageEncoding.png(raster)
        // Keep the signature and header, lose the rest: a decoder must notice, not crash.
        if corrupt { bytes = bytes.prefix(max(33, bytes.count / 2)) }
        return GeneratedImage(mimeType: "image/png", bytes: bytes)
    }

    /// RGBA with alpha 255 at the left edge down to 0 at the right, so a lost alpha channel is easy to see.
    static func withAlphaFade(_ rgb: [UInt8], width: Int, height: Int) -> RasterImage {
        var rgba = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let pixel = y * width + x
                rgba[pixel * 4] = rgb[pixel * 3]
                rgba[pixel * 4 + 1] = rgb[pixel * 3 + 1]
                rgba[pixel * 4 + 2] = rgb[pixel * 3 + 2]
                rgba[pixel * 4 + 3] = UInt8(255 - (255 * x) / max(1, width - 1))
            }
        }
        return RasterImage(width: width, height: height, channels: 4, pixels: rgba)
    }
}
