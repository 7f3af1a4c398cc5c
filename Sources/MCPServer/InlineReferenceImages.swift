import AtomicFiles
import Digests
import Foundation
import MCP
import Submission

/// Reference images an MCP client sends as data instead of a path (a `data:image/png;base64,...` string, or
/// `{"data": "<base64>", "mime_type": "image/png"}`): written once under `<metadata>/reference_images/`, named
/// by the SHA-256 of their bytes, so the request metadata can record a path as it does for every reference
/// image (`reference_image_paths`) and the same image sent twice is stored once.
///
/// ```swift
/// let path = try InlineReferenceImages(folder: paths.metadataFolder.appendingPathComponent("reference_images"))
///     .store(bytes, field: "reference_images[0]")   // ".../reference_images/3f9c...e1.png"
/// ```
/// The type comes from the bytes (PNG, JPEG, WebP, HEIC/HEIF), never from the declared MIME type.
struct InlineReferenceImages: Sendable {
    let folder: URL

    /// What one entry of `reference_images` names: a file on this machine, or the bytes themselves.
    enum Entry: Sendable, Equatable {
        case path(String)
        case bytes(Data)
    }

    /// Reads the `reference_images` argument: a list whose entries are paths, data URLs, or data objects.
    static func entries(_ arguments: ToolArguments, key: String = "reference_images") throws(ToolFailure) -> [Entry] {
        guard let value = arguments.value(key) else { return [] }
        let tool = arguments.tool
        let list: [Value]
        if let items = value.arrayValue { list = items } else { list = [value] }
        var entries: [Entry] = []
        for (index, item) in list.enumerated() {
            let field = "\(tool): \(key)[\(index)]"
            switch item {
            case .string(let path):
                guard !path.isEmpty else { throw ToolFailure("\(field): an empty path") }
                entries.append(.path(path))
            case .data(_, let data):
                entries.append(.bytes(data))
            case .object(let object):
                if let unknown = object.keys.sorted().first(where: { !["data", "mime_type", "mimeType"].contains($0) }) {
                    throw ToolFailure("\(field): unknown field \"\(unknown)\" (a data object has \"data\" and \"mime_type\")")
                }
                guard let text = object["data"]?.stringValue else {
                    throw ToolFailure("\(field): a data object needs \"data\", the image's bytes in base64")
                }
                guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters), !data.isEmpty else {
                    throw ToolFailure("\(field): \"data\" is not base64")
                }
                entries.append(.bytes(data))
            default:
                throw ToolFailure("\(field): expected a file path, a data: URL, or {\"data\": base64, \"mime_type\": ...}")
            }
        }
        return entries
    }

    /// Writes the bytes (unless the same bytes are there already) and returns the file's path.
    func store(_ data: Data, field: String) throws(ToolFailure) -> String {
        guard data.count <= ReferenceImage.maxBytes else {
            throw ToolFailure("\(field): \(data.count) bytes; a reference image must stay under \(ReferenceImage.maxBytes / 1_000_000) MB to go inline")
        }
        guard let mimeType = ReferenceImage.sniff(data) else {
            let head = data.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
            throw ToolFailure("\(field): not a PNG, JPEG, WebP or HEIC/HEIF image (starts \(head))")
        }
        let ext = ["image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/heic": "heic"][mimeType] ?? "heif"
        let file = folder.appendingPathComponent("\(SHA256.hex(of: data)).\(ext)")
        do throws(AtomicFileError) {
            try AtomicFile.createFolder(folder)
            try AtomicFile.writeNew(data, to: file)
        } catch {
            throw ToolFailure("\(field): cannot keep the image at \(file.path): \(error)")
        }
        return file.path
    }
}
