import Foundation
import OrderedJSON
import AtomicFiles

/// The per-job request files under `metadata/batch_metadata/`: what was asked for (prompt, title,
/// WebP wish, ...). The legacy writer put a job at `batch_metadata/` + id + `.json`, so a real
/// id `batches/abc` lives at `batch_metadata/batches/abc.json` and a made-up id at the top.
///
/// ```swift
/// let requests = try BatchMetadataFolder.readAll(in: paths.batchMetadataFolder)  // id -> object
/// ```
public enum BatchMetadataFolder {
    /// Every `.json` file below `folder`, keyed by job id: the file's `batch_job_id` when it has
    /// one, else its path relative to the folder without `.json`. A missing folder has none.
    public static func readAll(in folder: URL) throws(LegacyFormatError) -> [String: JSONObject] {
        var result: [String: JSONObject] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return result }
        let base = folder.standardizedFileURL.path
        var files: [URL] = []
        for case let url as URL in enumerator where url.pathExtension == "json" {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { files.append(url) }
        }
        for url in files.sorted(by: { $0.path < $1.path }) {
            let object = try read(url)
            var relative = String(url.standardizedFileURL.path.dropFirst(base.count))
            while relative.hasPrefix("/") { relative.removeFirst() }
            let fromPath = String(relative.dropLast(".json".count))
            let id = object["batch_job_id"]?.stringValue ?? fromPath
            result[id] = object
        }
        return result
    }

    /// One request file; it must be a JSON object.
    public static func read(_ url: URL) throws(LegacyFormatError) -> JSONObject {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(file: url.path, reason: (error as NSError).localizedDescription)
        }
        let value: JSONValue
        do throws(JSONParseError) { value = try JSONValue.parse(data) } catch {
            throw .invalidJSON(file: url.path, reason: error.description)
        }
        guard let object = value.objectValue else { throw .notAnObject(file: url.path) }
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
}
