import JobStore
import LegacyFormat

/// Puts the page's body together, job by job in the outline's order: each fragment from the cache when its
/// stamp still matches, else rendered from the rows read for this update. Keeps every fragment it used for
/// the next update's cache, and counts what it rendered (the measure of an incremental update).
///
/// ```swift
/// var assembly = PageAssembly(cache: cache, renderer: renderer, records: records, previews: previews)
/// for job in outline { assembly.add(job) }
/// try assembly.next.save(to: cacheFile, context: context, fingerprint: fingerprint)
/// ```
struct PageAssembly {
    let cache: FragmentCache
    let renderer: CardRenderer
    /// Full rows of the jobs that had something to render.
    let records: [String: (job: Job, images: [ImageRecord])]
    let previews: [Int64: ThumbnailStore.Preview]

    /// The cache to save: what this page is made of.
    private(set) var next = FragmentCache()
    private(set) var body: [UInt8] = []
    private(set) var jobs = 0
    private(set) var cards = 0
    private(set) var renderedCards = 0
    private(set) var renderedJobs = 0

    init(cache: FragmentCache, renderer: CardRenderer, records: [String: (job: Job, images: [ImageRecord])],
         previews: [Int64: ThumbnailStore.Preview]) {
        self.cache = cache
        self.renderer = renderer
        self.records = records
        self.previews = previews
    }

    /// Adds one job's section. A completed job without any image (a legacy import) shows nothing; its empty
    /// fragment is cached all the same, so it is not read again.
    mutating func add(_ job: JobStamp) {
        let record = records[job.id]
        let metadata = record?.job.requestMetadata
        let key = GalleryBuilder.jobKey(job), stamp = GalleryBuilder.jobStamp(job)
        let opening: String
        if let cached = cache.fragment(key, stamp: stamp) {
            opening = cached
        } else {
            guard let record, let metadata else { return }
            let hidden = record.job.status == .completed && record.images.isEmpty
            opening = hidden ? "" : renderer.jobOpening(record.job, metadata: metadata, images: record.images)
            renderedJobs += 1
        }
        next.keep(key, stamp: stamp, html: opening)
        guard !opening.isEmpty else { return }
        jobs += 1
        body += opening.utf8
        if job.images.isEmpty { cards += 1 }
        let imagesByID = Dictionary((record?.images ?? []).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for image in job.images {
            let imageKey = GalleryBuilder.imageKey(image), imageStamp = GalleryBuilder.imageStamp(image, of: job)
            let html: String
            if let cached = cache.fragment(imageKey, stamp: imageStamp) {
                html = cached
            } else {
                guard let record, let metadata, let row = imagesByID[image.id] else { continue }
                html = renderer.card(row, of: record.job, metadata: metadata, preview: previews[image.id])
                renderedCards += 1
            }
            next.keep(imageKey, stamp: imageStamp, html: html)
            body.append(UInt8(ascii: "\n"))
            body += html.utf8
            cards += 1
        }
        body += CardRenderer.jobClosing.utf8
        body.append(UInt8(ascii: "\n"))
    }
}
