// Reads for the gallery page: an outline of every job and image that is cheap to take on each update, so
// only what changed since the last one is read in full (``job(id:)``, ``images(jobID:)``) and rendered.
extension JobStore {
    /// Every job, newest submission first (then id), with its images' ids and change times in batch order.
    /// Two scans of narrow columns; no JSON is read.
    ///
    /// ```swift
    /// let outline = try store.galleryOutline()
    /// let images = outline.reduce(0) { $0 + $1.images.count }
    /// ```
    public func galleryOutline() throws -> [JobStamp] {
        try read { db in
            var imagesByJob: [String: [ImageStamp]] = [:]
            try db.forEachRow("SELECT job_id, id, updated_at FROM images ORDER BY job_id, item_index, id", []) { row in
                let jobID: String = row[0]
                imagesByJob[jobID, default: []].append(ImageStamp(id: row[1], updatedAt: row[2]))
            }
            var jobs: [JobStamp] = []
            try db.forEachRow("""
                SELECT id, COALESCE(submitted_at, created_at), updated_at FROM jobs
                ORDER BY COALESCE(submitted_at, created_at) DESC, id
                """, []) { row in
                let id: String = row[0]
                jobs.append(JobStamp(id: id, submittedAt: row[1], updatedAt: row[2], images: imagesByJob[id] ?? []))
            }
            return jobs
        }
    }

    /// Changes whenever a job or an image is added, removed or updated (every write stamps `updated_at`):
    /// counts and newest change times of both tables. When it equals the last update's, the page is current.
    ///
    /// ```swift
    /// if try store.galleryFingerprint() == state.fingerprint { return }   // nothing to do
    /// ```
    public func galleryFingerprint() throws -> String {
        try read { db in
            let row = try db.fetchOne("""
                SELECT (SELECT COUNT(*) FROM jobs), (SELECT COALESCE(MAX(updated_at), 0) FROM jobs),
                       (SELECT COUNT(*) FROM images), (SELECT COALESCE(MAX(updated_at), 0) FROM images)
                """)!
            let jobCount: Int = row[0], jobNewest: Int64 = row[1], imageCount: Int = row[2], imageNewest: Int64 = row[3]
            return "jobs \(jobCount):\(jobNewest) images \(imageCount):\(imageNewest)"
        }
    }
}
