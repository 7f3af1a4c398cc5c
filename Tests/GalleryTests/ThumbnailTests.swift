import Foundation
import ImageConversion
import Testing

@Suite("Thumbnails")
struct ThumbnailTests {
    private func gradient(width: Int, height: Int, channels: Int) -> RasterImage {
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        for index in pixels.indices { pixels[index] = UInt8(truncatingIfNeeded: index / channels % width) }
        return RasterImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    @Test("the longer side becomes the maximum, the ratio is kept, the bytes are a WebP of that size")
    func scalesDown() throws {
        let thumbnail = try Thumbnail.webp(of: gradient(width: 1000, height: 400, channels: 3), maxSide: 320)
        #expect((thumbnail.width, thumbnail.height) == (320, 128))
        let decoded = try WebPDecoder.decodeRGBA(thumbnail.data)
        #expect((decoded.width, decoded.height) == (320, 128))
        let portrait = try Thumbnail.webp(of: gradient(width: 300, height: 900, channels: 4), maxSide: 90)
        #expect((portrait.width, portrait.height) == (30, 90))
        #expect(try WebPDecoder.info(portrait.data).hasAlpha)
    }

    @Test("a picture already small enough is not enlarged")
    func neverEnlarges() throws {
        let thumbnail = try Thumbnail.webp(of: gradient(width: 64, height: 48, channels: 1), maxSide: 320)
        #expect((thumbnail.width, thumbnail.height) == (64, 48))
    }

    @Test("bad arguments are errors naming the value")
    func refusesBadArguments() {
        #expect(throws: ImageError.invalidRaster("thumbnail side must be 1...16383, got 0")) {
            try Thumbnail.webp(of: gradient(width: 8, height: 8, channels: 3), maxSide: 0)
        }
    }
}
