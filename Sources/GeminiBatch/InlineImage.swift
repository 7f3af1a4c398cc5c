import Foundation

/// An image sent with a request as an `inlineData` part (a reference image for editing or style).
///
/// ```swift
/// InlineImage(mimeType: "image/png", data: try Data(contentsOf: url))
/// ```
/// The bytes are sent exactly as given, base64-encoded; the MIME type should come from the bytes, not the name.
public struct InlineImage: Sendable, Hashable {
    public var mimeType: String
    public var data: Data

    public init(mimeType: String, data: Data) {
        self.mimeType = mimeType
        self.data = data
    }
}
