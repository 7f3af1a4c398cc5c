import Foundation
import Testing
@testable import ImageConversion

/// Real libwebp output, checked by decoding it with libwebp.
@Suite struct WebPTests {
    @Test func opaqueImageKeepsDimensionsAndHasNoAlpha() throws {
        let source = TestImages.gradient(width: 97, height: 41, channels: 3)
        let webp = try WebPEncoder.encode(source, quality: 90)
        #expect(ImageFormat.sniff(webp) == .webp)
        #expect(try WebPDecoder.info(webp) == WebPInfo(width: 97, height: 41, hasAlpha: false))
        let decoded = try WebPDecoder.decodeRGBA(webp)
        #expect(decoded.width == 97 && decoded.height == 41 && decoded.channels == 4)
        #expect(decoded.droppingAlpha().pixels.count == source.pixels.count)
        #expect(JPEGDecodingTests.meanError(decoded.droppingAlpha().pixels, source.pixels) < 6)
    }

    @Test func transparentPixelsStayTransparent() throws {
        // Left half fully transparent, right half opaque red.
        let width = 32, height = 16
        var pixels: [UInt8] = []
        for _ in 0..<height {
            for x in 0..<width { pixels += x < width / 2 ? [0, 0, 0, 0] : [255, 0, 0, 255] }
        }
        let webp = try WebPEncoder.encode(RasterImage(width: width, height: height, channels: 4, pixels: pixels), quality: 85)
        #expect(try WebPDecoder.info(webp).hasAlpha)
        let decoded = try WebPDecoder.decodeRGBA(webp)
        for y in [0, height / 2, height - 1] {
            for x in [0, width / 4, width / 2 - 1] { #expect(decoded.pixels[(y * width + x) * 4 + 3] == 0, "(\(x),\(y))") }
            for x in [width / 2, width - 1] {
                let base = (y * width + x) * 4
                #expect(decoded.pixels[base + 3] == 255, "(\(x),\(y))")
                #expect(decoded.pixels[base] > 200 && decoded.pixels[base + 1] < 60, "(\(x),\(y))")
            }
        }
        // ImageDecoder picks RGBA for WebP with alpha.
        #expect(try ImageDecoder.decode(webp).channels == 4)
    }

    @Test(arguments: [1, 2])
    func greyInputIsExpandedAndEncoded(channels: Int) throws {
        let webp = try WebPEncoder.encode(TestImages.gradient(width: 20, height: 10, channels: channels), quality: 80)
        let info = try WebPDecoder.info(webp)
        #expect(info.width == 20 && info.height == 10)
    }

    @Test func invalidSettingsAreRejected() {
        let image = TestImages.gradient(width: 4, height: 4, channels: 3)
        #expect(throws: ImageError.self) { try WebPEncoder.encode(image, quality: 101) }
        #expect(throws: ImageError.self) { try WebPEncoder.encode(image, quality: 80, method: 7) }
    }

    @Test func higherQualityGivesALargerFile() throws {
        let image = TestImages.gradient(width: 128, height: 128, channels: 3)
        let small = try WebPEncoder.encode(image, quality: 10)
        let large = try WebPEncoder.encode(image, quality: 95)
        #expect(large.count > small.count)
    }
}
