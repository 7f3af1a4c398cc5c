import Foundation

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
            var lineStart = pending.startIndex
            while let newline = pending[(pending.startIndex + start)...].firstIndex(of: 0x0A) {
                try body(pending[lineStart..<newline])
                lineStart = newline + 1
                start = lineStart - pending.startIndex
            }
            if lineStart > pending.startIndex { pending = Data(pending[lineStart...]) }
        }
        if !pending.isEmpty { try body(pending) }
    }
}
