import Foundation
import Testing
@testable import ImageConversion

/// Every PNG colour type and bit depth, written by `PNGFixture` and decoded by libpng.
@Suite struct PNGDecodingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var colourType: PNGFixture.ColourType
        var bitDepth: Int
        var withTransparency = false
        var testDescription: String { name }
    }

    static let width = 7, height = 3

    static let cases: [Case] = [
        Case(name: "grey 1-bit", colourType: .grey, bitDepth: 1),
        Case(name: "grey 2-bit", colourType: .grey, bitDepth: 2),
        Case(name: "grey 4-bit", colourType: .grey, bitDepth: 4),
        Case(name: "grey 8-bit", colourType: .grey, bitDepth: 8),
        Case(name: "grey 16-bit", colourType: .grey, bitDepth: 16),
        Case(name: "grey 8-bit with tRNS key", colourType: .grey, bitDepth: 8, withTransparency: true),
        Case(name: "grey+alpha 8-bit", colourType: .greyAlpha, bitDepth: 8),
        Case(name: "grey+alpha 16-bit", colourType: .greyAlpha, bitDepth: 16),
        Case(name: "RGB 8-bit", colourType: .rgb, bitDepth: 8),
        Case(name: "RGB 16-bit", colourType: .rgb, bitDepth: 16),
        Case(name: "RGBA 8-bit", colourType: .rgba, bitDepth: 8),
        Case(name: "RGBA 16-bit", colourType: .rgba, bitDepth: 16),
        Case(name: "palette 1-bit", colourType: .palette, bitDepth: 1),
        Case(name: "palette 2-bit", colourType: .palette, bitDepth: 2),
        Case(name: "palette 4-bit", colourType: .palette, bitDepth: 4),
        Case(name: "palette 8-bit", colourType: .palette, bitDepth: 8),
        Case(name: "palette 4-bit with tRNS", colourType: .palette, bitDepth: 4, withTransparency: true),
        Case(name: "palette 8-bit with tRNS", colourType: .palette, bitDepth: 8, withTransparency: true),
    ]

    /// 8-bit value of colour channel `c` at (x, y), chosen so neighbours and channels differ.
    static func colour(_ x: Int, _ y: Int, _ c: Int) -> Int { (x * 37 + y * 71 + c * 50) % 256 }
    /// Alpha cycles through fully transparent, half and opaque.
    static func alpha(_ x: Int, _ y: Int) -> Int { [0, 128, 255][(x + y) % 3] }
    /// Palette entries: entry i has its own colour; with tRNS, entry i has alpha alpha(i, 0).
    static func paletteColour(_ index: Int) -> (UInt8, UInt8, UInt8) {
        (UInt8(colour(index, 0, 0)), UInt8(colour(index, 1, 1)), UInt8(colour(index, 2, 2)))
    }

    /// Builds the fixture and the RGB/RGBA pixels a correct decoder must produce.
    static func fixtureAndExpectation(_ testCase: Case) -> (PNGFixture, RasterImage) {
        let depth = testCase.bitDepth
        let maxSample = (1 << depth) - 1
        var samples: [Int] = []
        var expected: [UInt8] = []
        var palette: [(UInt8, UInt8, UInt8)] = []
        var transparency: [UInt8] = []
        let outputHasAlpha = [.greyAlpha, .rgba].contains(testCase.colourType) || testCase.withTransparency
        // The grey key colour made transparent by tRNS in the grey case.
        let greyKey = 255

        if testCase.colourType == .palette {
            let entries = 1 << min(depth, 8)
            palette = (0..<entries).map(paletteColour)
            if testCase.withTransparency { transparency = (0..<entries).map { UInt8(alpha($0, 0)) } }
        }
        for y in 0..<height {
            for x in 0..<width {
                switch testCase.colourType {
                case .palette:
                    let index = (x + y * width) % palette.count
                    samples.append(index)
                    let entry = palette[index]
                    expected += [entry.0, entry.1, entry.2]
                    if outputHasAlpha { expected.append(transparency[index]) }
                case .grey, .greyAlpha:
                    var grey8: Int
                    if depth < 8 {
                        let sample = (x + y * 2) % (maxSample + 1)
                        samples.append(sample)
                        grey8 = sample * 255 / maxSample
                    } else {
                        grey8 = colour(x, y, 0)
                        if testCase.withTransparency, (x + y) % 4 == 0 { grey8 = greyKey }
                        samples.append(depth == 16 ? grey8 * 257 : grey8)
                    }
                    expected += [UInt8(grey8), UInt8(grey8), UInt8(grey8)]
                    if testCase.colourType == .greyAlpha {
                        samples.append(depth == 16 ? alpha(x, y) * 257 : alpha(x, y))
                        expected.append(UInt8(alpha(x, y)))
                    } else if testCase.withTransparency {
                        expected.append(grey8 == greyKey ? 0 : 255)
                    }
                case .rgb, .rgba:
                    for c in 0..<3 {
                        samples.append(depth == 16 ? colour(x, y, c) * 257 : colour(x, y, c))
                        expected.append(UInt8(colour(x, y, c)))
                    }
                    if testCase.colourType == .rgba {
                        samples.append(depth == 16 ? alpha(x, y) * 257 : alpha(x, y))
                        expected.append(UInt8(alpha(x, y)))
                    }
                }
            }
        }
        if testCase.colourType == .grey, testCase.withTransparency {
            transparency = [UInt8(greyKey >> 8), UInt8(greyKey & 0xFF)]
        }
        let fixture = PNGFixture(width: width, height: height, colourType: testCase.colourType, bitDepth: depth,
                                 samples: samples, palette: palette, transparency: transparency)
        let image = RasterImage(width: width, height: height, channels: outputHasAlpha ? 4 : 3, pixels: expected)
        return (fixture, image)
    }

    @Test(arguments: cases)
    func decodesToTheRightDimensionsChannelsAndPixels(_ testCase: Case) throws {
        let (fixture, expected) = Self.fixtureAndExpectation(testCase)
        let decoded = try ImageDecoder.decode(fixture.encoded())
        #expect(decoded.width == expected.width)
        #expect(decoded.height == expected.height)
        #expect(decoded.channels == expected.channels)
        #expect(decoded.pixels.count == expected.pixels.count)
        #expect(PixelComparison.mismatches(decoded, expected, colourTolerance: 1).isEmpty,
                "\(PixelComparison.mismatches(decoded, expected, colourTolerance: 1).prefix(5))")
    }

    @Test func largerMultiBlockFileDecodes() throws {
        // > 64 KiB of raw rows, so the fixture needs several stored deflate blocks.
        let width = 200, height = 120
        let samples = (0..<(width * height * 3)).map { $0 % 251 }
        let fixture = PNGFixture(width: width, height: height, colourType: .rgb, bitDepth: 8, samples: samples)
        let decoded = try ImageDecoder.decode(fixture.encoded())
        #expect(decoded.pixels == samples.map(UInt8.init))
    }

    @Test(arguments: [1, 2, 3, 4])
    func ourOwnPNGRoundTrips(channels: Int) throws {
        let source = TestImages.gradient(width: 31, height: 17, channels: channels)
        let decoded = try ImageDecoder.decode(try ImageEncoding.png(source))
        // Grey is expanded to RGB and grey+alpha to RGBA; compare against the same expansion.
        #expect(decoded == source.expandedToColour())
    }
}

enum PixelComparison {
    /// Pixels whose samples differ by more than the tolerance. Colour is not compared where
    /// alpha is 0, because an invisible pixel's colour carries no meaning.
    static func mismatches(_ actual: RasterImage, _ expected: RasterImage, colourTolerance: Int) -> [String] {
        guard actual.channels == expected.channels, actual.pixels.count == expected.pixels.count else {
            return ["shape \(actual.width)x\(actual.height)x\(actual.channels) vs \(expected.width)x\(expected.height)x\(expected.channels)"]
        }
        var found: [String] = []
        let channels = expected.channels
        for pixel in 0..<(expected.width * expected.height) {
            let base = pixel * channels
            let a = Array(actual.pixels[base..<(base + channels)]).map(Int.init)
            let e = Array(expected.pixels[base..<(base + channels)]).map(Int.init)
            let hasAlpha = channels == 4
            let invisible = hasAlpha && e[3] == 0
            let colourCount = hasAlpha ? 3 : channels
            var bad = (0..<colourCount).contains { !invisible && abs(a[$0] - e[$0]) > colourTolerance }
            if hasAlpha, abs(a[3] - e[3]) > 1 { bad = true }
            if bad { found.append("pixel \(pixel): \(a) expected \(e)") }
        }
        return found
    }
}
