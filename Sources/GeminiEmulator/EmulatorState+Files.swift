import Foundation
import OrderedJSON

/// The Files API: resumable upload sessions, the files they store, and their metadata and deletion.
extension EmulatorState {
    /// Opens a session for `size` bytes and returns its id. `requestedID` (from `file.name`) must be free; nil gets a fresh id.
    func startUpload(requestedID: String?, displayName: String?, mimeType: String, size: Int64,
                     origin: String) throws(UploadRefusal) -> String {
        stats.uploads.starts += 1
        if let requestedID, uploadedFiles[requestedID] != nil || uploadSessions.values.contains(where: {
            $0.fileID == requestedID && $0.stored == nil
        }) {
            stats.uploads.refused += 1
            throw UploadRefusal(code: 409, status: "ALREADY_EXISTS", message: "File files/\(requestedID) already exists.")
        }
        let fileID = requestedID ?? Self.randomID(length: 12, alphabet: "abcdefghijklmnopqrstuvwxyz0123456789")
        let sessionID = Self.randomID(length: 64, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let session = UploadSession(id: sessionID, fileID: fileID, displayName: displayName, mimeType: mimeType,
                                    declaredSize: size, dataURL: workDirectory.appendingPathComponent("upload-\(sessionID).bin"),
                                    origin: origin)
        guard FileManager.default.createFile(atPath: session.dataURL.path, contents: nil) else {
            throw UploadRefusal(code: 500, status: "INTERNAL", message: "The emulator could not create the upload's file.")
        }
        uploadSessions[sessionID] = session
        return sessionID
    }

    /// Admits one data-carrying command: the session exists and is not finished, the offset is what it has, the
    /// size fits, and a chunk that does not finalize is a multiple of the granularity.
    func beginChunk(session id: String, offset: Int64, length: Int64, finalize: Bool) throws(UploadRefusal) -> ChunkLease {
        guard var session = uploadSessions[id] else {
            stats.uploads.refused += 1
            throw UploadRefusal(code: 404, status: "NOT_FOUND", message: "No upload session with this id (expired or never started).")
        }
        func refuse(_ message: String, code: Int = 400, status: String = "INVALID_ARGUMENT") -> UploadRefusal {
            stats.uploads.refused += 1
            return UploadRefusal(code: code, status: status, message: message, uploadStatus: session.stored == nil ? "active" : "final",
                                 received: session.received)
        }
        guard session.stored == nil else { throw refuse("The upload was finalized already.") }
        guard !session.busy else { throw refuse("Another chunk of this upload is being received.", code: 409, status: "ABORTED") }
        guard offset == session.received else {
            throw refuse("Invalid request. The X-Goog-Upload-Offset (\(offset)) does not match the bytes received so far "
                + "(\(session.received)); ask with X-Goog-Upload-Command: query.")
        }
        guard offset + length <= session.declaredSize else {
            throw refuse("The upload is larger than the \(session.declaredSize) bytes declared at start.")
        }
        if finalize, offset + length != session.declaredSize {
            throw refuse("Finalized at \(offset + length) bytes, but \(session.declaredSize) were declared at start.")
        }
        if !finalize, length % Int64(UploadSession.granularity) != 0 {
            throw refuse("A chunk that does not finalize must be a multiple of \(UploadSession.granularity) bytes; this one is \(length).")
        }
        session.chunks += 1
        session.busy = true
        stats.uploads.chunks += 1
        var keep = length
        var drop = false
        if let cut = configuration.dropUploadChunk, cut == session.chunks, !session.dropped, length > 0 {
            let granule = Int64(UploadSession.granularity)
            keep = length / 2 / granule * granule
            drop = true
            session.dropped = true
            stats.uploads.droppedChunks += 1
        }
        uploadSessions[id] = session
        return ChunkLease(dataURL: session.dataURL, offset: offset, keep: keep, drop: drop, hasher: session.hasher)
    }

    /// Ends a chunk: `kept` bytes were written and digested. A complete, finalizing chunk stores the file and
    /// returns it.
    func endChunk(session id: String, kept: Int64, finalize: Bool, complete: Bool) -> StoredFile? {
        guard var session = uploadSessions[id] else { return nil }
        session.busy = false
        session.received += kept
        if finalize, complete, session.received == session.declaredSize {
            let file = StoredFile(id: session.fileID, displayName: session.displayName, mimeType: session.mimeType,
                                  sizeBytes: session.received, sha256: session.hasher.finalizeHex(), url: session.dataURL,
                                  createTime: Date(), origin: session.origin)
            session.stored = file
            uploadedFiles[file.id] = file
            stats.uploads.finalized += 1
        }
        uploadSessions[id] = session
        return session.stored
    }

    /// `X-Goog-Upload-Command: query`: the bytes received and the file once finalized.
    func queryUpload(session id: String) throws(UploadRefusal) -> (received: Int64, stored: StoredFile?) {
        stats.uploads.queries += 1
        guard let session = uploadSessions[id] else {
            stats.uploads.refused += 1
            throw UploadRefusal(code: 404, status: "NOT_FOUND", message: "No upload session with this id (expired or never started).")
        }
        return (session.received, session.stored)
    }

    /// `GET files/{id}`.
    func uploadedFile(id: String) -> StoredFile? {
        stats.uploads.fileGets += 1
        return uploadedFiles[id]
    }

    /// The file a create names, not counted as a call.
    func inputFile(id: String) -> StoredFile? { uploadedFiles[id] }

    /// `DELETE files/{id}`: false when there is no such file.
    func deleteUploadedFile(id: String) -> Bool {
        stats.uploads.fileDeletes += 1
        guard let file = uploadedFiles.removeValue(forKey: id) else { return false }
        try? FileManager.default.removeItem(at: file.url)
        return true
    }

    /// The control view of an uploaded file (`GET /_emulator/files/{id}`).
    func controlFileRecord(id: String) -> JSONValue? { uploadedFiles[id]?.controlRecord }

    static func randomID(length: Int, alphabet: String) -> String {
        let characters = Array(alphabet)
        var random = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in characters[Int(random.next() % UInt64(characters.count))] })
    }
}
