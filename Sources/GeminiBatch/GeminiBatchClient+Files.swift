import Foundation

extension GeminiBatchClient {
    /// Deletes an uploaded file (`DELETE /{version}/files/{id}`; `files/abc` or a bare `abc`), such as the
    /// JSONL input of a batch created from a file, so it stops counting against the project's 20 GB. Throws
    /// `.notFound` on a 404: the file expired (the service keeps files 48 hours) or was deleted already.
    ///
    /// ```swift
    /// do { try await client.deleteFile("files/input-jsonl-123") } catch .notFound { /* already gone */ }
    /// ```
    public func deleteFile(_ name: String) async throws(GeminiError) {
        let id = try Self.fileResourceID(name)
        _ = try await send(transfer(.delete, path: "\(versionPath)/files/\(id)"))
    }
}
