import CImageCodecs
import Foundation

/// Decodes PNG, JPEG and WebP bytes into 8-bit RGB or RGBA pixels.
///
/// PNG of any colour type and bit depth (grey, grey+alpha, palette with or without tRNS, RGB,
/// RGBA, 1-16 bits) becomes RGBA when the file carries alpha, else RGB. JPEG (baseline,
/// progressive, grey, CMYK) becomes RGB. Dimensions are checked against `limits` before any
/// pixel buffer is allocated; corrupt or unknown bytes throw ``ImageError``.
///
/// ```swift
/// let image = try ImageDecoder.decode(try Data(contentsOf: url))
/// print(image.width, image.height, image.channels)   // 1024 768 3
/// ```
public enum ImageDecoder {
    public static func decode<Bytes: Collection<UInt8>>(_ bytes: Bytes, limits: ImageLimits = .default) throws -> RasterImage {
        guard !bytes.isEmpty else { throw ImageError.unsupportedFormat("no bytes (empty input)") }
        guard let format = ImageFormat.sniff(bytes) else {
            let head = bytes.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
            throw ImageError.unsupportedFormat("not PNG, JPEG or WebP (first bytes: \(head))")
        }
        return try CodecCall.withBytes(bytes) { buffer in
            switch format {
            case .png: try decodePNG(buffer, limits: limits)
            case .jpeg: try decodeJPEG(buffer, limits: limits)
            case .webp: try WebPDecoder.decode(buffer, limits: limits)
            }
        }
    }

    /// Width and height from the header alone, no pixel buffer allocated: how a size too large to decode
    /// within the memory budget is told before any work.
    ///
    /// ```swift
    /// let (width, height) = try ImageDecoder.dimensions(bytes)
    /// ```
    public static func dimensions<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws -> (width: Int, height: Int) {
        guard let format = ImageFormat.sniff(bytes) else { throw ImageError.unsupportedFormat("not PNG, JPEG or WebP") }
        return try CodecCall.withBytes(bytes) { buffer in
            var width: UInt32 = 0, height: UInt32 = 0
            switch format {
            case .png:
                var hasAlpha: Int32 = 0
                if let failure = CodecCall.run({ pfc_png_info(buffer.baseAddress, buffer.count, &width, &height, &hasAlpha, $0, $1) }) {
                    throw ImageError.corrupt("PNG header: \(failure)")
                }
            case .jpeg:
                var components: Int32 = 0
                if let failure = CodecCall.run({ pfc_jpeg_info(buffer.baseAddress, buffer.count, &width, &height, &components, $0, $1) }) {
                    throw ImageError.corrupt("JPEG header: \(failure)")
                }
            case .webp:
                let info = try WebPDecoder.info(buffer)
                return (info.width, info.height)
            }
            return (Int(width), Int(height))
        }
    }

    private static func decodePNG(_ bytes: UnsafeBufferPointer<UInt8>, limits: ImageLimits) throws -> RasterImage {
        var width: UInt32 = 0, height: UInt32 = 0, hasAlpha: Int32 = 0
        if let failure = CodecCall.run({ pfc_png_info(bytes.baseAddress, bytes.count, &width, &height, &hasAlpha, $0, $1) }) {
            throw ImageError.corrupt("PNG header: \(failure)")
        }
        try limits.check(width: Int(width), height: Int(height))
        let channels = hasAlpha != 0 ? 4 : 3
        let pixels = try fill(count: Int(width) * Int(height) * channels) { target in
            CodecCall.run { pfc_png_decode(bytes.baseAddress, bytes.count, Int32(channels), target.baseAddress, target.count, $0, $1) }
                .map { "PNG data: \($0)" }
        }
        return RasterImage(width: Int(width), height: Int(height), channels: channels, pixels: pixels)
    }

    private static func decodeJPEG(_ bytes: UnsafeBufferPointer<UInt8>, limits: ImageLimits) throws -> RasterImage {
        var width: UInt32 = 0, height: UInt32 = 0, components: Int32 = 0
        if let failure = CodecCall.run({ pfc_jpeg_info(bytes.baseAddress, bytes.count, &width, &height, &components, $0, $1) }) {
            throw ImageError.corrupt("JPEG header: \(failure)")
        }
        try limits.check(width: Int(width), height: Int(height))
        let pixels = try fill(count: Int(width) * Int(height) * 3) { target in
            CodecCall.run { pfc_jpeg_decode_rgb(bytes.baseAddress, bytes.count, target.baseAddress, target.count, $0, $1) }
                .map { "JPEG data: \($0)" }
        }
        return RasterImage(width: Int(width), height: Int(height), channels: 3, pixels: pixels)
    }

    /// Allocates `count` bytes and lets a C decoder fill them; `decode` returns a failure reason or nil.
    static func fill(count: Int, _ decode: (UnsafeMutableBufferPointer<UInt8>) -> String?) throws -> [UInt8] {
        var failure: String?
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            failure = decode(buffer)
            // After a failed decode nothing counts as initialised; the empty array is discarded.
            initialized = failure == nil ? count : 0
        }
        if let failure { throw ImageError.corrupt(failure) }
        return pixels
    }
}
