/// What a WebP header says about the picture.
///
/// ```swift
/// let info = try WebPDecoder.info(webpData)
/// #expect(info.width == 2048 && info.hasAlpha)
/// ```
public struct WebPInfo: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var hasAlpha: Bool

    public init(width: Int, height: Int, hasAlpha: Bool) {
        self.width = width
        self.height = height
        self.hasAlpha = hasAlpha
    }
}
