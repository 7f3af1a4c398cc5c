import AtomicFiles
import Foundation
import JobStore
import LegacyFormat

/// Writes the gallery: a static contact sheet of every job and image (`<folder>/index.html`), newest jobs
/// first, with thumbnails under `<folder>/thumbs/` and links relative to the folder, so the folder works from
/// `file://` and can be copied or served anywhere together with the images root.
///
/// Updates are incremental. When the database has not changed since the last update (its fingerprint is
/// the one the cache was saved with), nothing is read or written. Otherwise only the jobs and images whose
/// change times differ from their cached fragments are read in full and rendered, thumbnails are made only
/// for images that have none, and the page is assembled from the fragments and written atomically.
///
/// ```swift
/// let builder = GalleryBuilder(store: store, folder: root.appendingPathComponent("gallery"))
/// let update = try builder.update()
/// print(update.page.path, update.renderedCards)
/// ```
public struct GalleryBuilder: Sendable {
    public let store: JobStore
    /// The gallery folder (absolute).
    public let folder: URL
    /// The longer side of a thumbnail, in pixels.
    public let thumbnailMaxSide: Int
    /// Threads that make thumbnails side by side.
    public let workers: Int

    /// Bumped when the fragments' HTML changes, so a cache rendered by an older version is not used.
    static let renderVersion = 1

    public init(store: JobStore, folder: URL, thumbnailMaxSide: Int = 320,
                workers: Int = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))) {
        self.store = store
        self.folder = folder.standardizedFileURL
        self.thumbnailMaxSide = min(max(thumbnailMaxSide, 16), 2048)
        self.workers = max(1, workers)
    }

    /// The page.
    public var page: URL { folder.appendingPathComponent("index.html") }
    /// The previews.
    public var thumbnailsFolder: URL { folder.appendingPathComponent("thumbs", isDirectory: true) }
    /// The rendered fragments of the last update.
    var cacheFile: URL { folder.appendingPathComponent(".cache", isDirectory: true).appendingPathComponent("fragments") }
    /// What a cache must have been rendered for to be used: this folder (links are relative to it), this
    /// thumbnail size and this version of the HTML.
    var cacheContext: String { "folder=\(folder.path) side=\(thumbnailMaxSide) render=\(Self.renderVersion)" }

    /// Brings the page up to date with the database.
    /// - Parameter rebuild: render every card again (thumbnails that exist are still reused).
    /// - Throws: ``GalleryError`` when the database cannot be read or a file not written; a single image
    ///   without a preview is no error (``GalleryUpdate/missingPreviews``).
    public func update(rebuild: Bool = false, now: Date = Date()) throws(GalleryError) -> GalleryUpdate {
        try checkFolder()
        let fingerprint = try reading { try store.galleryFingerprint() }
        if !rebuild, FragmentCache.fingerprint(of: cacheFile, context: cacheContext) == fingerprint,
           FileManager.default.fileExists(atPath: page.path) {
            return GalleryUpdate(page: page, unchanged: true)
        }
        let cache = rebuild ? FragmentCache() : FragmentCache.load(from: cacheFile, context: cacheContext)
        let outline = try reading { try store.galleryOutline() }
        let stale = outline.filter { job in
            cache.fragment(Self.jobKey(job), stamp: Self.jobStamp(job)) == nil
                || job.images.contains { cache.fragment(Self.imageKey($0), stamp: Self.imageStamp($0, of: job)) == nil }
        }
        let records = try reading { try readJobs(stale) }
        let toPreview = stale.flatMap { job in
            let stale = Set(job.images.filter { cache.fragment(Self.imageKey($0), stamp: Self.imageStamp($0, of: job)) == nil }.map(\.id))
            return (records[job.id]?.images ?? []).filter { $0.state == .done && stale.contains($0.id) }
        }
        let thumbnails = ThumbnailStore(folder: thumbnailsFolder, maxSide: thumbnailMaxSide)
        let previews = thumbnails.previews(for: toPreview, workers: workers)

        var assembly = PageAssembly(cache: cache, renderer: CardRenderer(galleryFolder: folder.path), records: records, previews: previews)
        for job in outline { assembly.add(job) }
        var update = GalleryUpdate(page: page, unchanged: false, jobs: assembly.jobs, cards: assembly.cards,
                                   renderedCards: assembly.renderedCards, renderedJobs: assembly.renderedJobs,
                                   thumbnailsMade: previews.values.count(where: \.madeNow))
        update.missingPreviews = toPreview.compactMap { image in
            previews[image.id]?.problem.map { "\(image.jobID) \(image.requestKey): \($0)" }
        }
        let summary = "\(assembly.jobs) job\(assembly.jobs == 1 ? "" : "s") · \(assembly.cards) card\(assembly.cards == 1 ? "" : "s")"
            + " · updated <time datetime=\"\(LocalTime.iso(now))\">\(LocalTime.minute(now))</time>"
        var bytes = Array(GalleryPage.opening(summary: summary).utf8)
        bytes += assembly.body
        bytes += GalleryPage.closing.utf8
        do {
            try AtomicFile.createFolder(folder)
            try AtomicFile.write(bytes, to: page, mode: 0o644)
        } catch {
            throw .file(path: page.path, reason: error.description)
        }
        do {
            try assembly.next.save(to: cacheFile, context: cacheContext, fingerprint: fingerprint)
        } catch {
            throw .file(path: cacheFile.path, reason: error.description)
        }
        return update
    }

    /// The full rows of the jobs to render; a job removed since the outline was read is left out.
    private func readJobs(_ jobs: [JobStamp]) throws -> [String: (job: Job, images: [ImageRecord])] {
        var records: [String: (job: Job, images: [ImageRecord])] = [:]
        for stamp in jobs {
            guard let job = try store.job(id: stamp.id), job.id == stamp.id else { continue }
            records[stamp.id] = (job, try store.images(jobID: stamp.id))
        }
        return records
    }

    private func reading<T>(_ body: () throws -> T) throws(GalleryError) -> T {
        do { return try body() } catch { throw .database("\(error)") }
    }

    private func checkFolder() throws(GalleryError) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw .folder(path: folder.path, reason: "is a file, not a folder; name another with --out")
        }
    }

    // Cache keys and stamps: a fragment is current while the change times it was rendered from are the same.
    static func jobKey(_ job: JobStamp) -> String { "j:\(job.id)" }
    static func jobStamp(_ job: JobStamp) -> String {
        let newest = job.images.map(\.updatedAt.microsecondsSinceEpoch).max() ?? 0
        return "\(job.updatedAt.microsecondsSinceEpoch):\(job.images.count):\(newest)"
    }
    static func imageKey(_ image: ImageStamp) -> String { "i:\(image.id)" }
    static func imageStamp(_ image: ImageStamp, of job: JobStamp) -> String {
        "\(image.updatedAt.microsecondsSinceEpoch):\(job.updatedAt.microsecondsSinceEpoch)"
    }
}
