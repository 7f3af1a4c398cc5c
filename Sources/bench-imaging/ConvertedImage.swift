/// The result of one file conversion.
///
/// ```swift
/// let converted = try ImageConverter.convertToWebP(source: png, destination: webp, quality: 85, method: 6)
/// print(converted.width, converted.height, converted.hasAlpha, converted.bytes)
/// ```
struct ConvertedImage: Sendable, Equatable {
    var width: Int
    var height: Int
    /// Whether the source carried alpha (then the WebP carries it too).
    var hasAlpha: Bool
    /// Size of the written file in bytes.
    var bytes: Int

    init(width: Int, height: Int, hasAlpha: Bool, bytes: Int) {
        self.width = width
        self.height = height
        self.hasAlpha = hasAlpha
        self.bytes = bytes
    }
}
