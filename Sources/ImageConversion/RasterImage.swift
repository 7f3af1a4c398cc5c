/// Decoded pixels: 8-bit samples, row-major, tightly packed (no row padding).
///
/// ```swift
/// let red = RasterImage(width: 1, height: 1, channels: 3, pixels: [255, 0, 0])
/// let png = try ImageEncoding.png(red)
/// ```
public struct RasterImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.
    public var channels: Int
    /// `width * height * channels` bytes.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// True when the image has an alpha channel (grey+alpha or RGBA).
    public var hasAlpha: Bool { channels == 2 || channels == 4 }

    /// Checks the fields against each other before the pixels reach a C codec,
    /// because the codecs trust the buffer size they are given.
    func validate(allowedChannels: Set<Int> = [1, 2, 3, 4]) throws {
        guard width > 0, height > 0 else {
            throw ImageError.invalidRaster("dimensions must be positive, got \(width)x\(height)")
        }
        guard allowedChannels.contains(channels) else {
            throw ImageError.invalidRaster("\(channels) channels not supported here (allowed: \(allowedChannels.sorted()))")
        }
        let (area, areaOverflow) = width.multipliedReportingOverflow(by: height)
        let (expected, overflow) = area.multipliedReportingOverflow(by: channels)
        guard !areaOverflow, !overflow, pixels.count == expected else {
            throw ImageError.invalidRaster("\(width)x\(height)x\(channels) needs \(expected) bytes, pixels holds \(pixels.count)")
        }
    }
}
