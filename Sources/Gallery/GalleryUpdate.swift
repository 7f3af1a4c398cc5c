import Foundation

/// What one gallery update did: the page, how much it rendered and made, and the previews it could not make.
///
/// ```swift
/// let update = try builder.update()
/// print(update.page.path, update.renderedCards, update.thumbnailsMade)
/// ```
public struct GalleryUpdate: Sendable, Equatable {
    /// The page (`index.html` in the gallery folder).
    public var page: URL
    /// True when the database had not changed since the page was written: nothing was read or written.
    public var unchanged: Bool
    /// Jobs on the page.
    public var jobs: Int
    /// Cards on the page (one per image, one per job without images).
    public var cards: Int
    /// Cards rendered by this update (the others came from the cache).
    public var renderedCards: Int
    /// Job headers rendered by this update.
    public var renderedJobs: Int
    /// Thumbnails this update made (the others existed).
    public var thumbnailsMade: Int
    /// Images shown without a preview, with the reason (file missing, not an image).
    public var missingPreviews: [String]

    public init(page: URL, unchanged: Bool, jobs: Int = 0, cards: Int = 0, renderedCards: Int = 0, renderedJobs: Int = 0,
                thumbnailsMade: Int = 0, missingPreviews: [String] = []) {
        self.page = page
        self.unchanged = unchanged
        self.jobs = jobs
        self.cards = cards
        self.renderedCards = renderedCards
        self.renderedJobs = renderedJobs
        self.thumbnailsMade = thumbnailsMade
        self.missingPreviews = missingPreviews
    }
}
