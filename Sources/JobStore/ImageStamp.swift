/// An image's id and last change, all the gallery needs to tell whether its cached card is still current.
///
/// ```swift
/// for job in try store.galleryOutline() { for image in job.images where cache[image.id] != image.updatedAt { /* ... */ } }
/// ```
public struct ImageStamp: Sendable, Hashable {
    public var id: Int64
    public var updatedAt: Timestamp

    public init(id: Int64, updatedAt: Timestamp) {
        self.id = id
        self.updatedAt = updatedAt
    }
}
