import Foundation
import Testing
import GeminiEmulator
@testable import ImageConversion

/// Bad bytes must throw `ImageError`, never crash the process or allocate absurd buffers.
@Suite struct CorruptInputTests {
    static let png = Array(try! ImageEncoding.png(TestImages.gradient(width: 64, height: 64, channels: 3)))
    static let jpeg = Array(try! ImageEncoding.jpeg(TestImages.gradient(width: 64, height: 64, channels: 3),
                                                    quality: 90, progressive: false))
    static let progressiveJPEG = Array(try! ImageEncoding.jpeg(TestImages.gradient(width: 64, height: 64, channels: 3),
                                                               quality: 90, progressive: true))
    static let webp = Array(try! WebPEncoder.encode(TestImages.gradient(width: 64, height: 64, channels: 3), quality: 80))

    static var randomBytes: [UInt8] {
        var generator = SeededGenerator(seed: 42)
        return (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    static let inputs: [(String, [UInt8])] = [
        ("empty", []),
        ("random bytes", randomBytes),
        ("text", Array("{\"error\": \"not an image\"}".utf8)),
        ("PNG signature only", Array(png.prefix(8))),
        ("PNG truncated in the header", Array(png.prefix(20))),
        ("PNG truncated in the data", Array(png.prefix(png.count / 2))),
        ("PNG with garbage after signature", Array(png.prefix(8)) + randomBytes),
        ("JPEG SOI only", [0xFF, 0xD8, 0xFF]),
        ("JPEG truncated", Array(jpeg.prefix(jpeg.count / 2))),
        ("progressive JPEG truncated", Array(progressiveJPEG.prefix(progressiveJPEG.count / 2))),
        ("JPEG with garbage after SOI", [0xFF, 0xD8, 0xFF] + randomBytes),
        ("WebP truncated", Array(webp.prefix(webp.count / 2))),
        ("WebP header with garbage", Array(webp.prefix(12)) + randomBytes),
    ]

    @Test(arguments: inputs.map(\.0))
    func throwsImageError(name: String) {
        let bytes = Self.inputs.first { $0.0 == name }!.1
        #expect(throws: ImageError.self) { try ImageDecoder.decode(bytes) }
    }

    @Test func unknownBytesAreReportedAsUnsupportedFormat() {
        #expect {
            try ImageDecoder.decode(Array("hello world".utf8))
        } throws: { error in
            guard case ImageError.unsupportedFormat(let detail) = error else { return false }
            return detail.contains("68 65 6c 6c")
        }
    }

    @Test func hugePNGHeaderIsRefusedBeforeAllocating() {
        var header = PNGFixture.bigEndian32(20_000) + PNGFixture.bigEndian32(20_000)
        header += [8, 2, 0, 0, 0]
        let bytes = Array(Self.png.prefix(8)) + PNGFixture.chunk("IHDR", header)
            + PNGFixture.chunk("IDAT", PNGFixture.zlibStored([0, 0, 0, 0])) + PNGFixture.chunk("IEND", [])
        #expect(throws: ImageError.tooLarge(width: 20_000, height: 20_000, limits: .default)) {
            try ImageDecoder.decode(bytes)
        }
    }

    @Test func hugeJPEGHeaderIsRefusedBeforeAllocating() throws {
        var bytes = Self.jpeg
        // SOF0: FF C0, length (2), precision (1), height (2), width (2).
        let sof = try #require(zip(bytes.indices, bytes.indices.dropFirst()).first { bytes[$0.0] == 0xFF && bytes[$0.1] == 0xC0 }?.0)
        bytes[sof + 5] = 0xEA; bytes[sof + 6] = 0x60   // 60000 rows
        bytes[sof + 7] = 0xEA; bytes[sof + 8] = 0x60   // 60000 columns
        #expect(throws: ImageError.tooLarge(width: 60_000, height: 60_000, limits: .default)) {
            try ImageDecoder.decode(bytes)
        }
    }

    @Test func customLimitsApply() throws {
        let limits = ImageLimits(maxDimension: 32, maxPixels: 1_000)
        #expect(throws: ImageError.tooLarge(width: 64, height: 64, limits: limits)) {
            try ImageDecoder.decode(Self.png, limits: limits)
        }
    }
}
