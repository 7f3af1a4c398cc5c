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
        let from = (0..<3).map { _ in Int(random.next() % 256) }
        let to = (0..<3).map { _ in Int(random.next() % 256) }
        // The gradient depends on x + y only: one palette row, from which every image row is a slice.
        let span = max(1, width + height - 2)
        var palette = [UInt8](repeating: 0, count: (width + height) * 3)
        for t in 0..<(width + height - 1) {
            for channel in 0..<3 {
                palette[t * 3 + channel] = UInt8((from[channel] * (span - t) + to[channel] * t) / span)
            }
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        pixels.withUnsafeMutableBufferPointer { image in
            palette.withUnsafeBufferPointer { source in
                let rowBytes = width * 3
                for y in 0..<height {
                    let target: Int = y * rowBytes
                    let start: Int = y * 3
                    (image.baseAddress! + target).update(from: source.baseAddress! + start, count: rowBytes)
                }
            }
        }
        // Discs are filled as horizontal runs, one per row they cross.
        let shortSide = max(1, min(width, height))
        for _ in 0..<3 {
            let radius = shortSide / 8 + Int(random.next() % UInt64(max(1, shortSide / 4)))
            let centerX = Int(random.next() % UInt64(max(1, width)))
            let centerY = Int(random.next() % UInt64(max(1, height)))
            let color = [UInt8(random.next() % 256), UInt8(random.next() % 256), UInt8(random.next() % 256)]
            for y in max(0, centerY - radius)...min(height - 1, centerY + radius) {
                let dy = y - centerY
                let half = Int(Double(radius * radius - dy * dy).squareRoot())
                let first = max(0, centerX - half), last = min(width - 1, centerX + half)
                guard first <= last else { continue }
                pixels.withUnsafeMutableBufferPointer { image in
                    for x in first...last {
                        let offset = (y * width + x) * 3
                        image[offset] = color[0]
                        image[offset + 1] = color[1]
                        image[offset + 2] = color[2]
                    }
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
