import CImageCodecs
import Foundation

/// Reads WebP files with libwebp; used to check our own output by decoding it.
///
/// ```swift
/// let info = try WebPDecoder.info(webp)            // dimensions and alpha from the header
/// let rgba = try WebPDecoder.decodeRGBA(webp)      // 4 channels, whatever the file holds
/// ```
public enum WebPDecoder {
    public static func info<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws -> WebPInfo {
        try CodecCall.withBytes(bytes) { buffer in try info(buffer) }
    }

    /// Decodes to RGBA; opaque images get alpha 255 everywhere.
    public static func decodeRGBA<Bytes: Collection<UInt8>>(_ bytes: Bytes, limits: ImageLimits = .default) throws -> RasterImage {
        try CodecCall.withBytes(bytes) { buffer in try decode(buffer, channels: 4, limits: limits) }
    }

    static func info(_ bytes: UnsafeBufferPointer<UInt8>) throws -> WebPInfo {
        var width: UInt32 = 0, height: UInt32 = 0, hasAlpha: Int32 = 0
        if let failure = CodecCall.run({ pfc_webp_info(bytes.baseAddress, bytes.count, &width, &height, &hasAlpha, $0, $1) }) {
            throw ImageError.corrupt("WebP header: \(failure)")
        }
        return WebPInfo(width: Int(width), height: Int(height), hasAlpha: hasAlpha != 0)
    }

    /// Decodes to RGBA when the file has alpha, else RGB (the ``ImageDecoder`` convention).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, channels: Int? = nil, limits: ImageLimits) throws -> RasterImage {
        let header = try info(bytes)
        try limits.check(width: header.width, height: header.height)
        let channels = channels ?? (header.hasAlpha ? 4 : 3)
        let pixels = try ImageDecoder.fill(count: header.width * header.height * channels) { target in
            CodecCall.run { pfc_webp_decode(bytes.baseAddress, bytes.count, Int32(channels), target.baseAddress, target.count, $0, $1) }
                .map { "WebP data: \($0)" }
        }
        return RasterImage(width: header.width, height: header.height, channels: channels, pixels: pixels)
    }
}
