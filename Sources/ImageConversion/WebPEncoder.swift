import CImageCodecs
import Foundation

/// Lossy WebP through libwebp's advanced API (the settings the old checker used: method 6).
///
/// ```swift
/// let webp = try WebPEncoder.encode(image, quality: 85)          // method 6
/// let fast = try WebPEncoder.encode(image, quality: 85, method: 4)
/// ```
public enum WebPEncoder {
    /// Encodes any `RasterImage`; grey is expanded to RGB and an alpha channel is kept.
    /// - Parameters:
    ///   - quality: 0...100.
    ///   - method: 0...6, speed/size trade-off (6 = slowest, smallest).
    public static func encode(_ image: RasterImage, quality: Float, method: Int = 6) throws -> Data {
        try image.validate()
        guard (0...100).contains(quality) else { throw ImageError.invalidRaster("WebP quality must be 0...100, got \(quality)") }
        guard (0...6).contains(method) else { throw ImageError.invalidRaster("WebP method must be 0...6, got \(method)") }
        let colour = image.expandedToColour()
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        let failure = colour.pixels.withUnsafeBufferPointer { pixels in
            CodecCall.run { message, capacity in
                pfc_webp_encode(pixels.baseAddress, UInt32(colour.width), UInt32(colour.height), Int32(colour.channels),
                                quality, Int32(method), &output, &size, message, capacity)
            }
        }
        if let failure { throw ImageError.encodingFailed(failure) }
        return CodecCall.adopt(output, count: size)
    }
}
