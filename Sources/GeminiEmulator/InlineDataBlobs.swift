import Digests
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The large base64 `data` values of one JSONL input line, decoded and digested straight from the line's bytes
/// and replaced by short tokens before the line is parsed: JSONSerialization then reads a line of a few hundred
/// bytes instead of megabytes of reference images, which made a batch of 600 images take longer to create than
/// a client waits for an answer. A value that is not plain standard base64 is left in place for the parser and
/// the ordinary checks.
///
/// ```swift
/// let image = Data(repeating: 7, count: 1_048_576).base64EncodedString()
/// let (small, blobs) = InlineDataBlobs.lift(from: Data(#"{"inlineData":{"data":"\#(image)"}}"#.utf8))
/// // small: {"inlineData":{"data":"pfc-emulator-blob-0"}}
/// _ = blobs.digests["pfc-emulator-blob-0"]   // (byteCount: 1_048_576, sha256: "…")
/// ```
struct InlineDataBlobs {
    var digests: [String: (byteCount: Int, sha256: String)] = [:]

    /// Values shorter than this are left to the parser: lifting them would save nothing.
    static let minimumLength = 4096
    static let tokenPrefix = "pfc-emulator-blob-"

    static func lift(from line: Data) -> (line: Data, blobs: InlineDataBlobs) {
        var blobs = InlineDataBlobs()
        let key = Array("\"data\"".utf8)
        var output = Data()
        var copied = 0
        var position = 0
        // Raw pointers and memchr throughout: Data's own byte-at-a-time access made this the slow part.
        line.withUnsafeBytes { raw in
            guard let start = raw.baseAddress else { return }
            let buffer = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: raw.count)
            let base = buffer.baseAddress!
            while let found = find(key, in: buffer, from: position) {
                var index = found + key.count
                position = index
                index = skipSpace(buffer, from: index)
                guard index < buffer.count, buffer[index] == UInt8(ascii: ":") else { continue }
                index = skipSpace(buffer, from: index + 1)
                guard index < buffer.count, buffer[index] == UInt8(ascii: "\"") else { continue }
                let start = index + 1
                guard start < buffer.count, let close = memchr(base + start, Int32(UInt8(ascii: "\"")), buffer.count - start) else { break }
                let end = base.distance(to: close.assumingMemoryBound(to: UInt8.self))
                position = end + 1
                guard end - start >= minimumLength, memchr(base + start, Int32(UInt8(ascii: "\\")), end - start) == nil,
                      let decoded = Data(base64Encoded: Data(bytes: base + start, count: end - start)) else { continue }
                let token = tokenPrefix + String(blobs.digests.count)
                blobs.digests[token] = (decoded.count, SHA256.hex(of: decoded))
                output.append(base + copied, count: start - copied)
                output.append(contentsOf: Array(token.utf8))
                copied = end
            }
            if copied > 0 { output.append(base + copied, count: buffer.count - copied) }
        }
        return (copied > 0 ? output : line, blobs)
    }

    /// The offset of the next `key` at or after `start` (a quote found by memchr, then the rest compared).
    private static func find(_ key: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let base = buffer.baseAddress!
        var index = start
        while index < buffer.count, let quote = memchr(base + index, Int32(key[0]), buffer.count - index) {
            let offset = base.distance(to: quote.assumingMemoryBound(to: UInt8.self))
            if offset + key.count <= buffer.count, memcmp(base + offset, key, key.count) == 0 { return offset }
            index = offset + 1
        }
        return nil
    }

    private static func skipSpace(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < buffer.count, [0x20, 0x09, 0x0A, 0x0D].contains(buffer[index]) { index += 1 }
        return index
    }
}
