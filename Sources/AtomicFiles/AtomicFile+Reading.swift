import Foundation

extension AtomicFile {
    /// The content of the regular file at `url`, read without following a final symbolic link and without
    /// blocking on a FIFO; nil when there is no file.
    ///
    /// ```swift
    /// guard let bytes = try AtomicFile.readRegularFile(at: sidecarURL) else { /* none yet */ }
    /// ```
    public static func readRegularFile(at url: URL) throws(AtomicFileError) -> [UInt8]? {
        guard let file = try ReadOnlyFile(path: url.path) else { return nil }
        return try file.readAll()
    }
}
