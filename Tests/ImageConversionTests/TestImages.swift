import Foundation
@testable import ImageConversion

/// Deterministic test pictures built in memory.
enum TestImages {
    /// A smooth gradient: channel c of pixel (x, y) varies with x, y and c, so a swapped or shifted
    /// channel shows up as a pixel mismatch.
    static func gradient(width: Int, height: Int, channels: Int) -> RasterImage {
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    let value = (x * 255 / max(width - 1, 1) + y * 97 / max(height - 1, 1) + c * 60) % 256
                    pixels[(y * width + x) * channels + c] = UInt8(value)
                }
            }
        }
        return RasterImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// A wrap-free gradient for lossy codecs: no sharp edges, so the expected error is small
    /// and a swapped channel (offset by 15 per channel) or shifted row stands out.
    static func smooth(width: Int, height: Int, channels: Int) -> RasterImage {
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    pixels[(y * width + x) * channels + c] = UInt8(30 + x * 140 / width + y * 40 / height + c * 15)
                }
            }
        }
        return RasterImage(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// Whether a JPEG stream contains the marker FF `code`.
    static func containsMarker(_ bytes: [UInt8], _ code: UInt8) -> Bool {
        zip(bytes, bytes.dropFirst()).contains { $0 == 0xFF && $1 == code }
    }
}
