import Digests
import Foundation

/// What a chunk may write: where, from which offset, how many of its bytes to keep (fewer than it carries
/// when the drop fault cuts it), and the session's digest to extend. Unchecked Sendable for that digest (an
/// EVP context): the session is marked busy while a lease is out, so one chunk at a time updates it.
struct ChunkLease: @unchecked Sendable {
    let dataURL: URL
    let offset: Int64
    let keep: Int64
    let drop: Bool
    let hasher: SHA256
}
