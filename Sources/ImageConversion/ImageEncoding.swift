import CImageCodecs
import Foundation

/// PNG and JPEG encoders (libpng simplified API, libjpeg).
///
/// ```swift
/// let image = RasterImage(width: 2, height: 1, channels: 4, pixels: [255, 0, 0, 255, 0, 0, 255, 0])
/// let png = try ImageEncoding.png(image)
/// let jpeg = try ImageEncoding.jpeg(image, quality: 90, progressive: true)   // alpha dropped
/// ```
public enum ImageEncoding {
    /// Lossless PNG of any channel count (grey, grey+alpha, RGB, RGBA), 8 bits per sample.
    public static func png(_ image: RasterImage) throws -> Data {
        try image.validate()
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        let failure = image.pixels.withUnsafeBufferPointer { pixels in
            CodecCall.run { message, capacity in
                pfc_png_encode(pixels.baseAddress, UInt32(image.width), UInt32(image.height), Int32(image.channels),
                               &output, &size, message, capacity)
            }
        }
        if let failure { throw ImageError.encodingFailed(failure) }
        return CodecCall.adopt(output, count: size)
    }

    /// Baseline (or progressive) JPEG. Grey stays grey; RGB stays RGB; an alpha channel is
    /// dropped because JPEG has none. `quality` is 1...100.
    public static func jpeg(_ image: RasterImage, quality: Int, progressive: Bool) throws -> Data {
        try image.validate()
        guard (1...100).contains(quality) else { throw ImageError.invalidRaster("JPEG quality must be 1...100, got \(quality)") }
        let opaque = image.droppingAlpha()
        return try encodeJPEG(pixels: opaque.pixels, width: opaque.width, height: opaque.height,
                              input: opaque.channels == 1 ? PFC_JPEG_INPUT_GREY : PFC_JPEG_INPUT_RGB,
                              quality: quality, progressive: progressive)
    }

    /// JPEG from Adobe-style (inverted) CMYK samples, 4 bytes per pixel. Lets tests build the
    /// CMYK files that print workflows produce; product code has no CMYK sources.
    package static func jpeg(cmykPixels: [UInt8], width: Int, height: Int, quality: Int) throws -> Data {
        guard width > 0, height > 0, cmykPixels.count == width * height * 4 else {
            throw ImageError.invalidRaster("CMYK \(width)x\(height) needs \(width * height * 4) bytes, got \(cmykPixels.count)")
        }
        return try encodeJPEG(pixels: cmykPixels, width: width, height: height, input: PFC_JPEG_INPUT_CMYK,
                              quality: quality, progressive: false)
    }

    private static func encodeJPEG(pixels: [UInt8], width: Int, height: Int, input: pfc_jpeg_input,
                                   quality: Int, progressive: Bool) throws -> Data {
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        let failure = pixels.withUnsafeBufferPointer { buffer in
            CodecCall.run { message, capacity in
                pfc_jpeg_encode(buffer.baseAddress, UInt32(width), UInt32(height), input, Int32(quality),
                                progressive ? 1 : 0, &output, &size, message, capacity)
            }
        }
        if let failure { throw ImageError.encodingFailed(failure) }
        return CodecCall.adopt(output, count: size)
    }
}
