extension RasterImage {
    /// The same image without its alpha channel (grey+alpha to grey, RGBA to RGB); other images unchanged.
    public func droppingAlpha() -> RasterImage {
        guard hasAlpha else { return self }
        let colourChannels = channels - 1
        var output = [UInt8](repeating: 0, count: width * height * colourChannels)
        output.withUnsafeMutableBufferPointer { target in
            pixels.withUnsafeBufferPointer { source in
                for pixel in 0..<(width * height) {
                    for channel in 0..<colourChannels {
                        target[pixel * colourChannels + channel] = source[pixel * channels + channel]
                    }
                }
            }
        }
        return RasterImage(width: width, height: height, channels: colourChannels, pixels: output)
    }

    /// The same image as RGB or RGBA (grey samples repeated), which is what WebP accepts.
    public func expandedToColour() -> RasterImage {
        guard channels <= 2 else { return self }
        let targetChannels = channels == 1 ? 3 : 4
        var output = [UInt8](repeating: 0, count: width * height * targetChannels)
        output.withUnsafeMutableBufferPointer { target in
            pixels.withUnsafeBufferPointer { source in
                for pixel in 0..<(width * height) {
                    let grey = source[pixel * channels]
                    target[pixel * targetChannels] = grey
                    target[pixel * targetChannels + 1] = grey
                    target[pixel * targetChannels + 2] = grey
                    if targetChannels == 4 { target[pixel * 4 + 3] = source[pixel * 2 + 1] }
                }
            }
        }
        return RasterImage(width: width, height: height, channels: targetChannels, pixels: output)
    }
}
