import Foundation
import Testing
@testable import ImageConversion

@Suite struct ImageEncodingTests {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    @Test(arguments: [1, 2, 3, 4])
    func pngOfEveryChannelCountStartsWithTheSignature(channels: Int) throws {
        let image = TestImages.gradient(width: 17, height: 9, channels: channels)
        let png = try ImageEncoding.png(image)
        #expect(Array(png.prefix(8)) == Self.pngSignature)
    }

    @Test(arguments: [false, true])
    func jpegStartsWithSOIAndEndsWithEOI(progressive: Bool) throws {
        let image = TestImages.gradient(width: 33, height: 20, channels: 3)
        let jpeg = try ImageEncoding.jpeg(image, quality: 90, progressive: progressive)
        #expect(Array(jpeg.prefix(3)) == [0xFF, 0xD8, 0xFF])
        #expect(Array(jpeg.suffix(2)) == [0xFF, 0xD9])
    }

    @Test func progressiveJPEGCarriesAProgressiveFrameMarker() throws {
        let image = TestImages.gradient(width: 33, height: 20, channels: 3)
        let baseline = Array(try ImageEncoding.jpeg(image, quality: 90, progressive: false))
        let progressive = Array(try ImageEncoding.jpeg(image, quality: 90, progressive: true))
        // SOF0 (FFC0) marks baseline frames, SOF2 (FFC2) progressive ones.
        #expect(TestImages.containsMarker(baseline, 0xC0) && !TestImages.containsMarker(baseline, 0xC2))
        #expect(TestImages.containsMarker(progressive, 0xC2))
    }

    @Test func mismatchedPixelCountIsRejectedBeforeReachingC() {
        let broken = RasterImage(width: 10, height: 10, channels: 3, pixels: [1, 2, 3])
        #expect(throws: ImageError.self) { try ImageEncoding.png(broken) }
        #expect(throws: ImageError.self) { try ImageEncoding.jpeg(broken, quality: 80, progressive: false) }
    }
}
