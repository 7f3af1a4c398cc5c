/// What the checker wrote for one image, recorded by ``JobStore/markImageDone(_:key:files:now:)``
/// in the same transaction that marks the image done.
///
/// ```swift
/// let files = ImageFiles(originalPath: "original/req_0-b6177ffb.png", bytes: 1234, sha256: "9f…", mimeType: "image/png")
/// ```
public struct ImageFiles: Sendable, Hashable {
    public var originalPath: String
    public var bytes: Int64
    public var sha256: String
    public var mimeType: String?
    public var originalSidecarPath: String?
    public var webpPath: String?
    public var webpBytes: Int64?
    public var webpSidecarPath: String?
    /// Why a part the job asked for was not made although the original was kept (a WebP past libwebp's or
    /// the memory budget's size); stored as the image's error while it counts as done.
    public var note: String?

    public init(originalPath: String, bytes: Int64, sha256: String, mimeType: String? = nil,
                originalSidecarPath: String? = nil, webpPath: String? = nil, webpBytes: Int64? = nil,
                webpSidecarPath: String? = nil) {
        self.originalPath = originalPath
        self.bytes = bytes
        self.sha256 = sha256
        self.mimeType = mimeType
        self.originalSidecarPath = originalSidecarPath
        self.webpPath = webpPath
        self.webpBytes = webpBytes
        self.webpSidecarPath = webpSidecarPath
    }
}
