import Foundation
import OrderedJSON
import AtomicFiles
#if canImport(Glibc)
import Glibc
#endif

/// The per-job request files under `metadata/batch_metadata/`: what was asked for (prompt, title,
/// WebP wish, ...). The legacy writer put a job at `batch_metadata/` + id + `.json`, so a real
/// id `batches/abc` lives at `batch_metadata/batches/abc.json` and a made-up id at the top.
///
/// One rule for every reader: a request file is a regular file holding a JSON object, read exactly.
/// A symbolic link at a file's name is refused (folders that are links are followed, so a moved
/// `batch_metadata/` keeps working), and so is a file that cannot be read or parsed; the error names it.
///
/// ```swift
/// let requests = try BatchMetadataFolder.readAll(in: paths.batchMetadataFolder)  // id -> object
/// let one = try BatchMetadataFolder.request(forJob: "batches/abc", in: paths.batchMetadataFolder)
/// ```
public enum BatchMetadataFolder {
    /// Every `.json` file below `folder`, keyed by job id: the file's `batch_job_id` when it has
    /// one, else its path relative to the folder without `.json`. A missing folder has none.
    /// Hidden files are skipped. Throws for the first file or folder that breaks the rule.
    public static func readAll(in folder: URL) throws(LegacyFormatError) -> [String: JSONObject] {
        var files: [(path: String, relative: String)] = []
        var visited = Set<[UInt64]>()
        try collect(folder.standardizedFileURL.path, relative: "", into: &files, visited: &visited, isTop: true)
        var result: [String: JSONObject] = [:]
        for file in files.sorted(by: { $0.path < $1.path }) {
            let object = try read(URL(fileURLWithPath: file.path))
            let fromPath = String(file.relative.dropLast(".json".count))
            let id = object["batch_job_id"]?.stringValue ?? fromPath
            result[id] = object
        }
        return result
    }

    /// The request file of one job, or nil when it has none.
    public static func request(forJob id: String, in folder: URL) throws(LegacyFormatError) -> JSONObject? {
        let url = fileURL(forJob: id, in: folder)
        let bytes: [UInt8]?
        do { bytes = try AtomicFile.readRegularFile(at: url) } catch { throw .reading(error) }
        guard let bytes else { return nil }
        return try parseObject(bytes, file: url.path)
    }

    /// One request file; it must be a regular file (not a link) holding a JSON object.
    public static func read(_ url: URL) throws(LegacyFormatError) -> JSONObject {
        let bytes: [UInt8]?
        do { bytes = try AtomicFile.readRegularFile(at: url) } catch { throw .reading(error) }
        guard let bytes else { throw .unreadable(file: url.path, reason: String(cString: strerror(ENOENT))) }
        return try parseObject(bytes, file: url.path)
    }

    /// A JSON object read exactly (no text changed to U+FFFD).
    static func parseObject(_ bytes: [UInt8], file: String) throws(LegacyFormatError) -> JSONObject {
        let value: JSONValue
        do throws(JSONParseError) { value = try JSONValue.parse(bytes, exactText: true) } catch {
            if error.kind == .inexactText { throw .inexactText(file: file, reason: error.description) }
            throw .invalidJSON(file: file, reason: error.description)
        }
        guard let object = value.objectValue else { throw .notAnObject(file: file) }
        return object
    }

    /// Where the legacy writer keeps a job's request file. Ids are kept inside the folder:
    /// `..` and empty components are replaced, so no id can name a file outside it.
    public static func fileURL(forJob id: String, in folder: URL) -> URL {
        let components = id.split(separator: "/", omittingEmptySubsequences: true).map { component -> String in
            component == ".." || component == "." ? "_" : String(component)
        }
        var url = folder
        for component in components.dropLast() { url.appendPathComponent(component, isDirectory: true) }
        return url.appendingPathComponent((components.last ?? "_") + ".json")
    }

    /// Writes a job's request file atomically (used by `submit`), creating the `batches/` subfolder.
    public static func write(_ object: JSONObject, forJob id: String, in folder: URL) throws(LegacyFormatError) {
        let url = fileURL(forJob: id, in: folder)
        do {
            try AtomicFile.createFolder(url.deletingLastPathComponent())
            try AtomicFile.write(JSONValue.object(object).serializedBytes(style: .pretty), to: url)
        } catch {
            throw .writeFailed(file: url.path, reason: error.description)
        }
    }

    /// Walks `path` (no hidden names), collecting `.json` regular files. A folder reached through a
    /// symbolic link is walked once (a link loop ends); a `.json` name that is a link or not a regular
    /// file is refused.
    private static func collect(_ path: String, relative: String, into files: inout [(path: String, relative: String)],
                                visited: inout Set<[UInt64]>, isTop: Bool) throws(LegacyFormatError) {
        var info = stat()
        if stat(path, &info) != 0 {
            if isTop, errno == ENOENT { return }
            throw .unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
        guard let directory = opendir(path) else { throw .unreadable(file: path, reason: String(cString: strerror(errno))) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(validatingCString: $0) }
            }
            guard let name else {
                throw .unreadable(file: path, reason: "a file name in this folder is not valid UTF-8; rename it")
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        for name in names {
            let child = path + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            var link = stat()
            guard lstat(child, &link) == 0 else { continue }  // removed meanwhile
            let type = link.st_mode & S_IFMT
            var target = stat()
            if type == S_IFDIR || (type == S_IFLNK && stat(child, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR) {
                try collect(child, relative: childRelative, into: &files, visited: &visited, isTop: false)
            } else if name.hasSuffix(".json") {
                guard type == S_IFREG else {
                    let reason = type == S_IFLNK ? AtomicFileError.symbolicLink(path: child).detail!
                        : AtomicFileError.notRegularFile(path: child, kind: AtomicFileError.kind(of: link.st_mode)).detail!
                    throw .refused(file: child, reason: reason)
                }
                files.append((child, childRelative))
            }
        }
    }
}
