import Digests
import Foundation

/// What the control API tells about one image the emulator sent: enough for a test to recognise the
/// saved file byte for byte (`sha256`) and to tell a draft from a final image.
public struct ImageDigest: Sendable, Equatable {
    /// The `mimeType` the part declared (a mislabelled JPEG says `image/png`).
    public var mimeType: String
    public var byteCount: Int
    public var sha256: String
    public var width: Int
    public var height: Int

    init(mimeType: String, bytes: Data, width: Int, height: Int) {
        self.mimeType = mimeType
        byteCount = bytes.count
        sha256 = SHA256.hex(of: bytes)
        self.width = width
        self.height = height
    }
}
