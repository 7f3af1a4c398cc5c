/// One row of `images`: one requested item of a batch and the files written for it.
///
/// ```swift
/// for image in try store.images(jobID: "batches/abc") where image.state == .done {
///     print(image.originalPath!, image.sha256!)
/// }
/// ```
public struct ImageRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var jobID: String
    /// The request key from the batch (unique within a job).
    public var requestKey: String
    /// Position of the item in the batch's responses.
    public var itemIndex: Int
    public var state: ImageState
    public var originalPath: String?
    public var webpPath: String?
    public var originalSidecarPath: String?
    public var webpSidecarPath: String?
    /// Size of the original file.
    public var bytes: Int64?
    /// Hex SHA-256 of the original file.
    public var sha256: String?
    public var webpBytes: Int64?
    public var mimeType: String?
    public var error: String?
    /// The host whose checker last wrote this record (``JobStore/hostName``); nil before migration 0005.
    public var writtenBy: String?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
}

extension ImageRecord {
    init(row: StoreRow) {
        id = row["id"]
        jobID = row["job_id"]
        requestKey = row["request_key"]
        itemIndex = row["item_index"]
        state = row["state"]
        originalPath = row["original_path"]
        webpPath = row["webp_path"]
        originalSidecarPath = row["original_sidecar_path"]
        webpSidecarPath = row["webp_sidecar_path"]
        bytes = row["bytes"]
        sha256 = row["sha256"]
        webpBytes = row["webp_bytes"]
        mimeType = row["mime_type"]
        error = row["error"]
        writtenBy = row["written_by"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
    }
}
