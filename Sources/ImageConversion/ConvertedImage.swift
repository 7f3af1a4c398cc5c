/// The result of one file conversion.
///
/// ```swift
/// let converted = try ImageConverter.convertToWebP(source: png, destination: webp, quality: 85, method: 6)
/// print(converted.width, converted.height, converted.hasAlpha, converted.bytes)
/// ```
public struct ConvertedImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Whether the source carried alpha (then the WebP carries it too).
    public var hasAlpha: Bool
    /// Size of the written file in bytes.
    public var bytes: Int

    public init(width: Int, height: Int, hasAlpha: Bool, bytes: Int) {
        self.width = width
        self.height = height
        self.hasAlpha = hasAlpha
        self.bytes = bytes
    }
}
