import Foundation

/// A file the client downloaded for the caller (a batch answer, a responses file), removed when the last
/// reference to it goes. A run killed before that leaves it behind; its name carries the process id, so
/// the next run can tell a dead run's file from a live one's (see ``TemporaryFile/removeLeftovers(in:)``).
///
/// ```swift
/// let file = TemporaryFile.make(in: folder, kind: "batch")   // gemini-batch-<pid>-<uuid>.tmp
/// ```
public final class TemporaryFile: Sendable, Hashable {
    public let url: URL
    let removeWhenDone: Bool

    init(url: URL, removeWhenDone: Bool = true) {
        self.url = url
        self.removeWhenDone = removeWhenDone
    }

    static let prefix = "gemini-"

    /// A new name in `folder`; nothing is created yet.
    static func make(in folder: URL, kind: String) -> TemporaryFile {
        let pid = ProcessInfo.processInfo.processIdentifier
        return TemporaryFile(url: folder.appendingPathComponent("\(prefix)\(kind)-\(pid)-\(UUID().uuidString.lowercased()).tmp"))
    }

    deinit {
        if removeWhenDone { unlink(url.path) }
    }

    public static func == (lhs: TemporaryFile, rhs: TemporaryFile) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// Removes the downloads of runs that are no longer alive (their process id names no running process),
    /// and returns how many. Files of live processes, this one included, are left alone.
    ///
    /// ```swift
    /// let removed = TemporaryFile.removeLeftovers(in: paths.downloadFolder)
    /// ```
    public static func removeLeftovers(in folder: URL) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let fields = name.dropFirst(prefix.count).split(separator: "-")
            guard fields.count >= 3, let pid = Int32(fields[1]) else { continue }
            // kill(pid, 0) fails with ESRCH only when no such process exists.
            if kill(pid, 0) != 0, errno == ESRCH, unlink(folder.appendingPathComponent(name).path) == 0 {
                removed += 1
            }
        }
        return removed
    }
}
