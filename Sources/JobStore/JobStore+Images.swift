import Foundation

// Image writes are fenced like the job writes but keep the lease: the holder goes on with the next item.
// Each names the host that made it (`written_by`): several machines may share one database and images root.
extension JobStore {
    /// This machine's name as image records give it (`gethostname`), read once per process.
    public static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        let name = String(cString: buffer)
        return name.isEmpty ? "unknown" : name
    }()

    /// Registers the batch's items as pending images (existing keys are left as they are, so a resumed run
    /// sees what a crashed one already finished) and returns all of the job's images in batch order.
    ///
    /// ```swift
    /// let images = try store.upsertPendingImages(claim, responses.enumerated().map { ImageRequest(key: $1.key, index: $0) })
    /// for image in images where image.state != .done { /* ... */ }
    /// ```
    @discardableResult
    public func upsertPendingImages(_ claim: Claim, _ requests: [ImageRequest], now: Date = Date()) throws -> [ImageRecord] {
        let stamp = Timestamp(now)
        return try immediateTransaction(lock: .rows) { db in
            _ = try Self.heldJob(db, claim)
            for request in requests {
                try db.execute("""
                    INSERT INTO images (job_id, request_key, item_index, state, written_by, created_at, updated_at)
                    VALUES (?, ?, ?, 'pending', ?, ?, ?)
                    ON CONFLICT (job_id, request_key) DO NOTHING
                    """, [claim.jobID, request.key, request.index, Self.hostName, stamp, stamp])
            }
            return try Self.fetchImages(db, jobID: claim.jobID)
        }
    }

    /// Marks one image done with the files written for it, in one transaction.
    ///
    /// ```swift
    /// try store.markImageDone(claim, key: "req_0",
    ///                         files: ImageFiles(originalPath: path, bytes: size, sha256: digest, mimeType: "image/png"))
    /// ```
    @discardableResult
    public func markImageDone(_ claim: Claim, key: String, files: ImageFiles, now: Date = Date()) throws -> ImageRecord {
        let stamp = Timestamp(now)
        return try immediateTransaction(lock: .rows) { db in
            _ = try Self.heldJob(db, claim)
            guard let row = try db.fetchOne("""
                UPDATE images SET state = 'done', original_path = ?, bytes = ?, sha256 = ?, mime_type = ?,
                                  original_sidecar_path = ?, webp_path = ?, webp_bytes = ?, webp_sidecar_path = ?,
                                  error = ?, written_by = ?, updated_at = ?
                WHERE job_id = ? AND request_key = ?
                RETURNING *
                """, [files.originalPath, files.bytes, files.sha256, files.mimeType,
                      files.originalSidecarPath, files.webpPath, files.webpBytes, files.webpSidecarPath,
                      files.note, Self.hostName, stamp, claim.jobID, key])
            else { throw JobStoreError.imageNotFound(jobID: claim.jobID, requestKey: key) }
            return ImageRecord(row: row)
        }
    }

    /// Marks one image failed with its reason (corrupt bytes, unsupported format, ...); the others go on.
    ///
    /// ```swift
    /// try store.markImageFailed(claim, key: "req_3", error: "not a PNG or JPEG")
    /// ```
    @discardableResult
    public func markImageFailed(_ claim: Claim, key: String, error: String, now: Date = Date()) throws -> ImageRecord {
        let stamp = Timestamp(now)
        return try immediateTransaction(lock: .rows) { db in
            _ = try Self.heldJob(db, claim)
            guard let row = try db.fetchOne("""
                UPDATE images SET state = 'failed', error = ?, written_by = ?, updated_at = ?
                WHERE job_id = ? AND request_key = ?
                RETURNING *
                """, [error, Self.hostName, stamp, claim.jobID, key])
            else { throw JobStoreError.imageNotFound(jobID: claim.jobID, requestKey: key) }
            let image = ImageRecord(row: row)
            try Self.appendEvent(db, jobID: claim.jobID, at: stamp, kind: .imageFailed, message: "\(key): \(error)")
            return image
        }
    }
}
