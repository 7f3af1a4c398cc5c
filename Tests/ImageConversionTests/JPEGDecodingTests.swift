import Foundation
import Testing
@testable import ImageConversion

@Suite struct JPEGDecodingTests {
    /// Mean absolute difference per sample; JPEG is lossy, so decoded pixels are compared loosely.
    static func meanError(_ a: [UInt8], _ b: [UInt8]) -> Double {
        precondition(a.count == b.count)
        let total = zip(a, b).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }
        return Double(total) / Double(a.count)
    }

    @Test(arguments: [false, true])
    func rgbJPEGDecodesToRGBWithTheSourceDimensionsAndPixels(progressive: Bool) throws {
        let source = TestImages.smooth(width: 61, height: 35, channels: 3)
        let jpeg = try ImageEncoding.jpeg(source, quality: 95, progressive: progressive)
        let decoded = try ImageDecoder.decode(jpeg)
        #expect(decoded.width == 61 && decoded.height == 35 && decoded.channels == 3)
        #expect(Self.meanError(decoded.pixels, source.pixels) < 3)
    }

    @Test(arguments: [false, true])
    func greyJPEGDecodesToRGB(progressive: Bool) throws {
        let source = TestImages.smooth(width: 40, height: 24, channels: 1)
        let jpeg = try ImageEncoding.jpeg(source, quality: 95, progressive: progressive)
        let decoded = try ImageDecoder.decode(jpeg)
        #expect(decoded.channels == 3)
        let greys = stride(from: 0, to: decoded.pixels.count, by: 3).map { decoded.pixels[$0] }
        let pixels = decoded.pixels
        let neutral = stride(from: 0, to: pixels.count, by: 3).allSatisfy { (index: Int) -> Bool in
            pixels[index] == pixels[index + 1] && pixels[index] == pixels[index + 2]
        }
        #expect(neutral)
        #expect(Self.meanError(greys, source.pixels) < 3)
    }

    @Test func adobeCMYKJPEGDecodesToTheRightRGB() throws {
        // Four 8x8 blocks (one JPEG block each, so colours do not bleed): red, green, blue, black.
        // Adobe CMYK is stored inverted: no ink is 255, so (r, g, b, 255) is the colour (r, g, b)
        // and (x, x, x, 0) is full black ink.
        let blocks: [[UInt8]] = [[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255], [255, 255, 255, 0]]
        let expected: [[Int]] = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [0, 0, 0]]
        var cmyk: [UInt8] = []
        for y in 0..<16 {
            for x in 0..<16 { cmyk += blocks[(y / 8) * 2 + x / 8] }
        }
        let jpeg = try ImageEncoding.jpeg(cmykPixels: cmyk, width: 16, height: 16, quality: 100)
        let decoded = try ImageDecoder.decode(jpeg)
        #expect(decoded.width == 16 && decoded.height == 16 && decoded.channels == 3)
        for (block, colour) in expected.enumerated() {
            let x = (block % 2) * 8 + 4, y = (block / 2) * 8 + 4
            let base = (y * 16 + x) * 3
            let actual = decoded.pixels[base..<(base + 3)].map(Int.init)
            #expect(zip(actual, colour).allSatisfy { abs($0 - $1) <= 8 }, "block \(block): \(actual) expected \(colour)")
        }
    }

    @Test func rgbaSourceLosesOnlyItsAlphaInJPEG() throws {
        let source = TestImages.smooth(width: 24, height: 16, channels: 4)
        let decoded = try ImageDecoder.decode(try ImageEncoding.jpeg(source, quality: 95, progressive: false))
        #expect(decoded.channels == 3)
        #expect(Self.meanError(decoded.pixels, source.droppingAlpha().pixels) < 3)
    }
}
