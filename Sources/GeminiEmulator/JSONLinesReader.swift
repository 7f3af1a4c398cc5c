import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file a line at a time through one buffer (an uploaded JSONL input can be gigabytes; one line, with
/// its reference images, is megabytes at most).
///
/// ```swift
/// try JSONLinesReader.forEachLine(of: url) { line in print(line.count) }   // without the newline
/// ```
enum JSONLinesReader {
    static func forEachLine(of url: URL, blockSize: Int = 1 << 20, _ body: (Data) throws -> Void) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var pending = Data()
        while let block = try handle.read(upToCount: blockSize), !block.isEmpty {
            var start = pending.count
            pending.append(block)
            var lineStart = 0
            while let newline = Self.newline(in: pending, from: start) {
                try body(pending.subdata(in: lineStart..<newline))
                lineStart = newline + 1
                start = lineStart
            }
            if lineStart > 0 { pending = pending.subdata(in: lineStart..<pending.count) }
        }
        if !pending.isEmpty { try body(pending) }
    }

    /// The offset of the next newline at or after `start` (memchr: Data's own search goes a byte at a time).
    private static func newline(in data: Data, from start: Int) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            guard start < raw.count, let base = raw.baseAddress,
                  let found = memchr(base + start, 0x0A, raw.count - start) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
    }
}
