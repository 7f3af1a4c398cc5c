import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An image sent with a request as an `inlineData` part (a reference image for editing or style).
///
/// ```swift
/// InlineImage(mimeType: "image/png", data: pngBytes)
/// InlineImage(mimeType: "image/jpeg", file: photoURL, byteCount: 1_048_576)   // read only when sent
/// ```
/// The bytes are sent exactly as given, base64-encoded; the MIME type should come from the bytes, not the name.
/// A file-backed image is read when the request is encoded, so a batch of hundreds of large images never holds
/// them all in memory: an inline body reads them into the body (under 20 MB), a JSONL input file streams them.
public struct InlineImage: Sendable, Hashable {
    /// Where the bytes are.
    public enum Source: Sendable, Hashable {
        case bytes(Data)
        /// A file read when the request is encoded; its size must still be `byteCount` then.
        case file(URL)
    }

    public var mimeType: String
    public var source: Source
    /// The number of image bytes (before base64).
    public var byteCount: Int

    public init(mimeType: String, data: Data) {
        self.mimeType = mimeType
        source = .bytes(data)
        byteCount = data.count
    }

    public init(mimeType: String, file: URL, byteCount: Int) {
        self.mimeType = mimeType
        source = .file(file)
        self.byteCount = byteCount
    }

    /// Length of the base64 text of the bytes (with padding).
    public var base64Length: Int { (byteCount + 2) / 3 * 4 }

    /// The bytes, read from the file now for a file-backed image.
    public func data() throws(GeminiError) -> Data {
        var collected = Data()
        try forEachChunk { collected.append($0) }
        return collected
    }

    /// Hands the bytes over in pieces of at most `chunkBytes` (a multiple of 3, so each piece's base64 can be
    /// written as it comes). Throws `.fileSystem` naming the file when it cannot be read or no longer has
    /// `byteCount` bytes (changed since it was checked).
    func forEachChunk(chunkBytes: Int = 3 << 18, _ body: (Data) throws(GeminiError) -> Void) throws(GeminiError) {
        switch source {
        case .bytes(let data):
            var start = data.startIndex
            while start < data.endIndex {
                let end = data.index(start, offsetBy: chunkBytes, limitedBy: data.endIndex) ?? data.endIndex
                try body(data[start..<end])
                start = end
            }
        case .file(let url):
            let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw .fileSystem("cannot read \(url.path): \(String(cString: strerror(errno)))")
            }
            defer { close(descriptor) }
            var buffer = Data(count: chunkBytes)
            var total = 0
            while total <= byteCount {
                let filled = try Self.readFully(descriptor, into: &buffer, path: url.path)
                if filled == 0 { break }
                total += filled
                guard total <= byteCount else { break }
                try body(buffer.prefix(filled))
                if filled < chunkBytes { break }
            }
            guard total == byteCount else {
                throw .fileSystem("\(url.path) changed since it was checked: \(byteCount) bytes expected")
            }
        }
    }

    /// Reads until `buffer` is full or the file ends (a short read mid-file would misalign the base64 pieces).
    private static func readFully(_ descriptor: Int32, into buffer: inout Data, path: String) throws(GeminiError) -> Int {
        let capacity = buffer.count
        var filled = 0
        while filled < capacity {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, capacity - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .fileSystem("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            filled += count
        }
        return filled
    }
}
