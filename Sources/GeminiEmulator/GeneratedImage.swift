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
                              width: Int, height: Int, jpeg: Bool,
                              style: ImageStyle = .smooth) throws -> GeneratedImage {
        let pixels = ImageRenderer.rgbPixels(prompt: prompt, key: key, seed: seed, width: width, height: height,
                                             style: style)
        let raster = RasterImage(width: width, height: height, channels: 3, pixels: pixels)
        if jpeg {
            return GeneratedImage(mimeType: "image/jpeg", bytes: try ImageEncoding.jpeg(raster, quality: 90, progressive: false))
        }
        return GeneratedImage(mimeType: "image/png", bytes: try ImageEncoding.png(raster))
    }
}
