import Digests
import Foundation

/// One resumable upload under way: what `start` declared, the bytes kept so far (written to `dataURL` and
/// digested as they are kept, so a 2 GB upload costs a buffer), and the file once finalized. The session's
/// opaque id is the only thing its URL carries, as on the real service.
struct UploadSession {
    let id: String
    let fileID: String
    let displayName: String?
    let mimeType: String
    let declaredSize: Int64
    let dataURL: URL
    let origin: String
    var received: Int64 = 0
    var hasher = SHA256()
    /// Upload commands that carried data, counted for the drop fault.
    var chunks = 0
    /// The drop fault cuts at most one chunk per session.
    var dropped = false
    /// A chunk is being received now; a second one at the same time is refused.
    var busy = false
    var stored: StoredFile?

    /// Chunks other than the last are multiples of this, as the real service announces it.
    static let granularity = 256 * 1024
    /// The Files API's limit per file.
    static let maxBytes: Int64 = 2 * 1024 * 1024 * 1024
}
