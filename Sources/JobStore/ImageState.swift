/// Where one requested image stands.
public enum ImageState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Known from the batch, not written yet.
    case pending
    /// Written to disk; path, bytes and sha256 recorded.
    case done
    /// This item failed (e.g. corrupt bytes); the reason is in ``ImageRecord/error``.
    case failed
}
