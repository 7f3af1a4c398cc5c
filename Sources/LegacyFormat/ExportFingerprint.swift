import Foundation
import JobStore
#if canImport(Glibc)
import Glibc
#endif

/// What the database and the tracking file looked like right after an export. When both are still
/// the same, a check run has nothing to import from the file and nothing to export to it.
struct ExportFingerprint: Equatable {
    var jobs: String
    /// The file the export wrote; nil when the export kept entries it could not take yet (so the next
    /// run reads the file again and tries them).
    var file: FileIdentity?
    /// Entries the export wrote: a later file with fewer is a writer at work (``TrackingSnapshot``).
    var entryCount: Int?

    static func key(for file: URL) -> String { "tracking_export:" + file.standardizedFileURL.path }

    static func stored(in store: JobStore, for file: URL) throws -> ExportFingerprint? {
        guard let text = try store.setting(key(for: file)) else { return nil }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        // Two parts: written by an older pfc-jobs, without the count.
        guard parts.count == 2 || parts.count == 3 else { return nil }
        return ExportFingerprint(jobs: parts[0], file: FileIdentity(text: parts[1]),
                                 entryCount: parts.count == 3 ? Int(parts[2]) : nil)
    }

    func store(in store: JobStore, for file: URL) throws {
        try store.setSetting(Self.key(for: file), to: jobs + "|" + (self.file?.text ?? "") + "|" + (entryCount.map(String.init) ?? ""))
    }

    /// Database and file as this fingerprint recorded them.
    func matches(jobs: String, file: FileIdentity?) -> Bool {
        self.file != nil && self.jobs == jobs && self.file == file
    }
}

/// A file's device, inode, size and modification time: any rewrite or replacement changes it.
struct FileIdentity: Equatable {
    var text: String

    init?(text: String) {
        guard !text.isEmpty else { return nil }
        self.text = text
    }

    /// nil when there is no file. A symbolic link is not followed: its own identity never matches a file's.
    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        text = "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}

extension TrackingExport {
    /// True when the tracking file is exactly as the last export wrote it: no other program has
    /// appended since, so there is nothing to import.
    public static func fileUnchangedSinceLastExport(_ file: URL, store: JobStore) -> Bool {
        guard let last = try? ExportFingerprint.stored(in: store, for: file), let written = last.file else { return false }
        return FileIdentity(path: file.path) == written
    }
}
