import Foundation

/// Draws the deterministic picture for one prompt: a diagonal gradient plus a few discs whose colours and
/// positions come from a hash of (seed, prompt, key); the `photo` style adds shading and grain on top.
/// Same inputs, same bytes, so tests can compare runs.
///
/// ```swift
/// let pixels = ImageRenderer.rgbPixels(prompt: "a cat", key: "req-1", seed: 1, width: 64, height: 64)
/// // pixels.count == 64 * 64 * 3
/// ```
public enum ImageRenderer {
    public static func rgbPixels(prompt: String, key: String, seed: UInt64, width: Int, height: Int,
                                 style: ImageStyle = .smooth) -> [UInt8] {
        var random = SeededGenerator(seed: SeededGenerator.stableHash(key + "\u{0}" + prompt, seed: seed))
        let from = (Int(random.next() % 256), Int(random.next() % 256), Int(random.next() % 256))
        let to = (Int(random.next() % 256), Int(random.next() % 256), Int(random.next() % 256))
        struct Disc { var x, y, radiusSquared: Int; var color: (UInt8, UInt8, UInt8) }
        let shortSide = max(1, min(width, height))
        let discs = (0..<3).map { _ in
            let radius = shortSide / 8 + Int(random.next() % UInt64(max(1, shortSide / 4)))
            return Disc(x: Int(random.next() % UInt64(max(1, width))), y: Int(random.next() % UInt64(max(1, height))),
                        radiusSquared: radius * radius,
                        color: (UInt8(random.next() % 256), UInt8(random.next() % 256), UInt8(random.next() % 256)))
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        let span = max(1, width + height - 2)
        pixels.withUnsafeMutableBufferPointer { buffer in
            for y in 0..<height {
                for x in 0..<width {
                    let offset = (y * width + x) * 3
                    let t = x + y
                    var color = (UInt8((from.0 * (span - t) + to.0 * t) / span),
                                 UInt8((from.1 * (span - t) + to.1 * t) / span),
                                 UInt8((from.2 * (span - t) + to.2 * t) / span))
                    for disc in discs {
                        let dx = x - disc.x, dy = y - disc.y
                        if dx * dx + dy * dy <= disc.radiusSquared { color = disc.color }
                    }
                    buffer[offset] = color.0
                    buffer[offset + 1] = color.1
                    buffer[offset + 2] = color.2
                }
            }
        }
        if style == .photo { addPhotoTexture(to: &pixels, width: width, height: height, random: &random) }
        return pixels
    }

    /// Soft shading that varies across the frame plus per-pixel grain of about +-12 levels: the grain defeats
    /// the flat-area shortcuts of PNG and WebP much as sensor noise and fine detail do in a photograph.
    private static func addPhotoTexture(to pixels: inout [UInt8], width: Int, height: Int,
                                        random: inout SeededGenerator) {
        let phaseX = Double(random.next() % 628) / 100, phaseY = Double(random.next() % 628) / 100
        // Separable shading: one table per axis keeps the per-pixel cost to additions.
        let shadeX = (0..<width).map { Int(18 * sin(Double($0) / Double(max(1, width)) * 9.7 + phaseX)) }
        let shadeY = (0..<height).map { Int(18 * cos(Double($0) / Double(max(1, height)) * 7.3 + phaseY)) }
        var grain = random.next() | 1
        pixels.withUnsafeMutableBufferPointer { buffer in
            for y in 0..<height {
                for x in 0..<width {
                    let offset = (y * width + x) * 3
                    let shade = shadeX[x] + shadeY[y]
                    for channel in 0..<3 {
                        // xorshift64: the cheapest generator that leaves no visible pattern.
                        grain ^= grain << 13; grain ^= grain >> 7; grain ^= grain << 17
                        let noise = Int(grain % 25) - 12
                        buffer[offset + channel] = UInt8(clamping: Int(buffer[offset + channel]) + shade + noise)
                    }
                }
            }
        }
    }
}
