/// A job's id, times and image stamps, without its metadata: the outline of ``JobStore/galleryOutline()``,
/// cheap enough to read for every job on every gallery update.
///
/// ```swift
/// let outline = try store.galleryOutline()   // newest first
/// print(outline.first?.id ?? "-", outline.first?.images.count ?? 0)
/// ```
public struct JobStamp: Sendable, Hashable {
    public var id: String
    /// When it was submitted, else when the row was created (a submit intent has no submit time yet).
    public var submittedAt: Timestamp
    public var updatedAt: Timestamp
    /// The job's images in batch order.
    public var images: [ImageStamp]

    public init(id: String, submittedAt: Timestamp, updatedAt: Timestamp, images: [ImageStamp]) {
        self.id = id
        self.submittedAt = submittedAt
        self.updatedAt = updatedAt
        self.images = images
    }
}
