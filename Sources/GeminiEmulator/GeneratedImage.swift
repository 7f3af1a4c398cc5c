import Foundation

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
                              width: Int, height: Int, jpeg: Bool) throws -> GeneratedImage {
        let pixels = ImageRenderer.rgbPixels(prompt: prompt, key: key, seed: seed, width: width, height: height)
        // TEMPORARY until the ImageConversion encoders land: an uncompressed PNG.
        return GeneratedImage(mimeType: "image/png", bytes: StoredPNG.encode(rgb: pixels, width: width, height: height))
    }
}

enum StoredPNG {
    static func encode(rgb: [UInt8], width: Int, height: Int) -> Data {
        var raw = Data()
        for row in 0..<height {
            raw.append(0)
            raw.append(contentsOf: rgb[(row * width * 3)..<((row + 1) * width * 3)])
        }
        var zlib = Data([0x78, 0x01])
        var offset = 0
        repeat {
            let length = min(65535, raw.count - offset)
            zlib.append(offset + length == raw.count ? 1 : 0)
            zlib.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)])
            zlib.append(raw[offset..<(offset + length)])
            offset += length
        } while offset < raw.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in raw { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        zlib.append(contentsOf: bigEndian((b << 16) | a))
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data(bigEndian(UInt32(width)) + bigEndian(UInt32(height)))
        header.append(contentsOf: [8, 2, 0, 0, 0])
        png.append(chunk("IHDR", header))
        png.append(chunk("IDAT", zlib))
        png.append(chunk("IEND", Data()))
        return png
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func chunk(_ type: String, _ body: Data) -> Data {
        var typed = Data(type.utf8)
        typed.append(body)
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in typed {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        var out = Data(bigEndian(UInt32(body.count)))
        out.append(typed)
        out.append(contentsOf: bigEndian(~crc))
        return out
    }
}
