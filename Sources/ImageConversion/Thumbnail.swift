import CImageCodecs
import Foundation

/// A small WebP preview of an image: libwebp scales the decoded pixels (`WebPPictureRescale`) and encodes
/// only the small picture, which is what a contact sheet of thousands of images can afford to show.
///
/// ```swift
/// let image = try ImageDecoder.decode(try Data(contentsOf: original), limits: .conversion)
/// let thumbnail = try Thumbnail.webp(of: image, maxSide: 320)
/// print(thumbnail.width, thumbnail.height, thumbnail.data.count)   // 320 180 9042
/// ```
public struct Thumbnail: Sendable, Equatable {
    /// The WebP file's bytes.
    public var data: Data
    public var width: Int
    public var height: Int

    public init(data: Data, width: Int, height: Int) {
        self.data = data
        self.width = width
        self.height = height
    }

    /// Scales `image` so that its longer side is at most `maxSide` (never enlarging it), keeping the aspect
    /// ratio and any alpha channel, and encodes the result as lossy WebP.
    /// - Parameters:
    ///   - maxSide: 1...16383 pixels.
    ///   - quality: 0...100; previews look fine well below the quality of the full WebP.
    ///   - method: 0...6; 4 is libwebp's balance of speed and size (the picture is small anyway).
    public static func webp(of image: RasterImage, maxSide: Int, quality: Float = 70, method: Int = 4) throws -> Thumbnail {
        try image.validate()
        guard (1...16_383).contains(maxSide) else { throw ImageError.invalidRaster("thumbnail side must be 1...16383, got \(maxSide)") }
        guard (0...100).contains(quality) else { throw ImageError.invalidRaster("WebP quality must be 0...100, got \(quality)") }
        guard (0...6).contains(method) else { throw ImageError.invalidRaster("WebP method must be 0...6, got \(method)") }
        let colour = image.expandedToColour()
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        var width: UInt32 = 0
        var height: UInt32 = 0
        let failure = colour.pixels.withUnsafeBufferPointer { pixels in
            CodecCall.run { message, capacity in
                pfc_webp_thumbnail(pixels.baseAddress, UInt32(colour.width), UInt32(colour.height), Int32(colour.channels),
                                   UInt32(maxSide), quality, Int32(method), &output, &size, &width, &height, message, capacity)
            }
        }
        if let failure { throw ImageError.encodingFailed(failure) }
        return Thumbnail(data: CodecCall.adopt(output, count: size), width: Int(width), height: Int(height))
    }
}
