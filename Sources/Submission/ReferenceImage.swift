import Foundation
import GeminiBatch

/// A reference image checked on disk for a request, its type taken from its bytes (PNG, JPEG, WebP,
/// HEIC/HEIF), never from its name. Checked once per path however many requests use it; its bytes are read
/// only when the request is sent (into an inline body, or streamed into a JSONL input file), so a batch of
/// hundreds of large images never holds them all in memory.
///
/// ```swift
/// let image = try ReferenceImage.load("~/refs/frog.jpg", relativeTo: cwd, home: home)
/// image.mimeType   // "image/jpeg"
/// ```
public struct ReferenceImage: Sendable, Hashable {
    /// The absolute path, as recorded in `reference_image_paths`.
    public var path: String
    public var mimeType: String
    /// The file's size when it was checked; a file that changes size before it is sent stops the submit.
    public var byteCount: Int

    /// The most one request may carry: a larger image could not be sent with any request.
    public static let maxBytes = 20_000_000

    /// What the request carries: the file, read when the request is encoded.
    public var inlineImage: InlineImage {
        InlineImage(mimeType: mimeType, file: URL(fileURLWithPath: path), byteCount: byteCount)
    }

    /// Reads `given` (`~` expanded, relative paths against `base`). Throws a message naming the path and the
    /// problem; the caller puts the option or field in front of it.
    public static func load(_ given: String, relativeTo base: URL, home: String) throws(SubmitError) -> ReferenceImage {
        let expanded = given.hasPrefix("~/") ? home + given.dropFirst(1) : (given == "~" ? home : given)
        let url = URL(fileURLWithPath: expanded, relativeTo: base).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw .invalidInput("\(url.path): no such file")
        }
        guard !isFolder.boolValue else { throw .invalidInput("\(url.path): is a folder, not an image") }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= maxBytes else {
            throw .invalidInput("\(url.path): \(size) bytes; a reference image must stay under \(maxBytes / 1_000_000) MB, "
                + "the most one request may carry")
        }
        // Only the head is read now: the type is in its first bytes, the rest goes out when the batch is sent.
        let head: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = try handle.read(upToCount: 64) ?? Data()
        } catch {
            throw .invalidInput("\(url.path): cannot read: \(error.localizedDescription)")
        }
        guard let mimeType = sniff(head) else {
            let start = head.prefix(8).map { String(format: "%02x", $0) }.joined(separator: " ")
            throw .invalidInput("\(url.path): not a PNG, JPEG, WebP or HEIC/HEIF image (\(head.isEmpty ? "empty" : "starts \(start)"))")
        }
        return ReferenceImage(path: url.path, mimeType: mimeType, byteCount: size)
    }

    /// The MIME type the bytes are, or nil for anything else (GIF, AVIF, text, ...).
    ///
    /// ```swift
    /// ReferenceImage.sniff(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))   // "image/png"
    /// ```
    public static func sniff(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(64))
        func ascii(_ range: Range<Int>) -> String? {
            guard range.upperBound <= bytes.count else { return nil }
            return String(bytes: bytes[range], encoding: .ascii)
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if ascii(0..<4) == "RIFF", ascii(8..<12) == "WEBP" { return "image/webp" }
        // ISO base media file: a `ftyp` box whose major and compatible brands say HEIF (and not AVIF).
        guard ascii(4..<8) == "ftyp", bytes.count >= 12, let major = ascii(8..<12) else { return nil }
        let boxSize = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        var brands = [major]
        var offset = 16
        while offset + 4 <= min(boxSize, bytes.count), let brand = ascii(offset..<offset + 4) {
            brands.append(brand)
            offset += 4
        }
        let hevc: Set<String> = ["heic", "heix", "hevc", "hevx", "heim", "heis"]
        if hevc.contains(major) { return "image/heic" }
        guard ["mif1", "msf1", "heif"].contains(major), !brands.contains("avif"), !brands.contains("avis") else { return nil }
        return brands.contains { hevc.contains($0) } ? "image/heic" : "image/heif"
    }
}
