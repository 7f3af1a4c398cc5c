import AtomicFiles
import Foundation

/// The rendered HTML of every card and job header of the last update, kept beside the page
/// (`<gallery>/.cache/fragments`), so an update renders only what changed: an entry is reused while its
/// stamp (the image's and job's change times) is the same.
///
/// One file, read in one go: a first line with the format, the context (the gallery folder and the settings
/// the fragments were rendered for: a cache made for another folder or thumbnail size is not used) and the
/// database fingerprint the page was made from (an idle update reads this line alone), then one line per
/// entry, `key TAB stamp TAB html` (a fragment never holds a line feed or a tab: ``HTMLText`` writes them as
/// references). A missing or unreadable file is an empty cache.
///
/// ```swift
/// var cache = FragmentCache.load(from: file, context: "out=/srv/gallery side=320")
/// if let html = cache.fragment("i:42", stamp: "1770498000123456") { /* ... */ }
/// cache.keep("i:42", stamp: "1770498000123456", html: html)
/// try cache.save(to: file, context: "out=/srv/gallery side=320", fingerprint: fingerprint)
/// ```
struct FragmentCache {
    static let formatLine = "pfc-jobs gallery cache 1"

    private var entries: [String: (stamp: String, html: String)] = [:]
    /// What this update used or made: all that is saved (entries of removed jobs and images are dropped).
    private var kept: [(key: String, stamp: String, html: String)] = []

    init() {}

    /// The fingerprint of a cache file made for `context`, from its first line alone (the idle update's only read).
    static func fingerprint(of file: URL, context: String) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4096), let end = head.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        return header(head[head.startIndex..<end], context: context)
    }

    /// The fingerprint in a header line, when the line is of this format and context.
    private static func header(_ line: Data.SubSequence, context: String) -> String? {
        let fields = line.split(separator: UInt8(ascii: "\t"), maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3, String(decoding: fields[0], as: UTF8.self) == formatLine,
              String(decoding: fields[1], as: UTF8.self) == clean(context) else { return nil }
        return String(decoding: fields[2], as: UTF8.self)
    }

    /// The whole cache; empty when the file is missing, of another format, or made for another context.
    static func load(from file: URL, context: String) -> FragmentCache {
        var cache = FragmentCache()
        guard let data = try? Data(contentsOf: file) else { return cache }
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)[...]
        guard let header = lines.popFirst() else { return cache }
        guard Self.header(header, context: context) != nil else { return cache }
        cache.entries.reserveCapacity(lines.count)
        for line in lines {
            let parts = line.split(separator: UInt8(ascii: "\t"), maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            cache.entries[String(decoding: parts[0], as: UTF8.self)] =
                (String(decoding: parts[1], as: UTF8.self), String(decoding: parts[2], as: UTF8.self))
        }
        return cache
    }

    /// The cached HTML for `key` when it was rendered from the same `stamp`.
    func fragment(_ key: String, stamp: String) -> String? {
        guard let entry = entries[key], entry.stamp == stamp else { return nil }
        return entry.html
    }

    mutating func keep(_ key: String, stamp: String, html: String) {
        kept.append((key, stamp, html))
    }

    /// Writes what was kept, atomically.
    func save(to file: URL, context: String, fingerprint: String) throws(AtomicFileError) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(kept.reduce(64) { $0 + $1.key.utf8.count + $1.stamp.utf8.count + $1.html.utf8.count + 3 })
        bytes += "\(Self.formatLine)\t\(Self.clean(context))\t\(Self.clean(fingerprint))\n".utf8
        for entry in kept {
            bytes += entry.key.utf8
            bytes.append(UInt8(ascii: "\t"))
            bytes += entry.stamp.utf8
            bytes.append(UInt8(ascii: "\t"))
            bytes += entry.html.utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        try AtomicFile.createFolder(file.deletingLastPathComponent())
        try AtomicFile.write(bytes, to: file, mode: 0o644)
    }

    /// The header's fields hold no tab or line feed (a folder name might).
    private static func clean(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
