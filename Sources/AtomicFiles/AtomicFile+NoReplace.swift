import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension AtomicFile {
    /// What ``writeNew(_:to:mode:)`` found.
    public enum Placement: Sendable, Equatable {
        /// The file did not exist and now holds the bytes.
        case created
        /// A regular file with exactly these bytes was there already (an earlier, interrupted run wrote it);
        /// it was left as it is.
        case alreadyThere
    }

    /// Writes a file that must not replace anything: the bytes appear under `url` atomically (temporary
    /// file, fsync, `link(2)`), or not at all. A regular file holding the same bytes counts as written.
    /// Whatever else is there (another file, a symbolic link, a folder) is left untouched and reported.
    ///
    /// ```swift
    /// do {
    ///     try AtomicFile.writeNew(webp, to: webpURL)
    /// } catch where error.code == EEXIST || error.code == ELOOP {
    ///     // someone else's file (or a link) has the name: use another name
    /// }
    /// ```
    /// - Throws: ``AtomicFileError/occupied(path:)`` (code `EEXIST`) for a different file,
    ///   ``AtomicFileError/symbolicLink(path:)`` (`ELOOP`), ``AtomicFileError/notRegularFile(path:kind:)``,
    ///   or a system error.
    @discardableResult
    public static func writeNew<Bytes: Collection<UInt8>>(_ bytes: Bytes, to url: URL,
                                                        mode: mode_t = 0o644) throws(AtomicFileError) -> Placement {
        let content = Array(bytes)
        // A file that vanishes between the failed link and the look at it is tried again, a few times.
        for _ in 0..<3 {
            if try holdsExactly(content, at: url) { return .alreadyThere }
            do throws(AtomicFileError) {
                try write(content, to: url, mode: mode, replacing: false)
                return .created
            } catch where error.code == EEXIST {
                continue
            }
        }
        if try holdsExactly(content, at: url) { return .alreadyThere }
        throw .occupied(path: url.path)
    }

    /// True when `writeNew` would succeed: nothing is at `url`, or a regular file with exactly `bytes`.
    /// For choosing a free name before writing several files that share it.
    public static func canPlace<Bytes: Collection<UInt8>>(_ bytes: Bytes, at url: URL) -> Bool {
        var info = stat()
        if lstat(url.path, &info) != 0 { return errno == ENOENT }
        return (try? holdsExactly(Array(bytes), at: url)) == true
    }

    /// False when nothing is there; true for a regular file with these bytes; throws for anything else.
    private static func holdsExactly(_ content: [UInt8], at url: URL) throws(AtomicFileError) -> Bool {
        guard let existing = try ReadOnlyFile(path: url.path) else { return false }
        guard existing.opened.st_size == off_t(content.count), try existing.readAll() == content else {
            throw .occupied(path: url.path)
        }
        return true
    }
}
