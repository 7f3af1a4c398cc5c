/// Why the gallery was not updated; the description names the file or the database.
///
/// ```swift
/// do { _ = try builder.update() } catch { logger.warning("gallery not updated: \(error)") }
/// ```
public enum GalleryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The job database could not be read.
    case database(String)
    /// A file of the gallery could not be written.
    case file(path: String, reason: String)
    /// The gallery folder is not usable (not a folder, inside the thumbnails, ...).
    case folder(path: String, reason: String)

    public var description: String {
        switch self {
        case .database(let reason): "gallery: cannot read the job database: \(reason)"
        case .file(let path, let reason): "gallery: \(path): \(reason)"
        case .folder(let path, let reason): "gallery: \(path): \(reason)"
        }
    }
}
