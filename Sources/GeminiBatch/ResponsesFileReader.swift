import Foundation

/// Reads a JSONL responses file one line, one item at a time: only the current line (without its image text)
/// and its decoded images are in memory.
///
/// ```swift
/// for item in try ResponsesFileReader(url: fileURL) { handle(item) }   // BatchItemResult, index = line position
/// ```
/// Blank lines are skipped; a line that is not JSON yields a `.malformed` failure at its position.
public struct ResponsesFileReader: Sequence, Sendable {
    let items: BatchItems

    /// A file the caller owns (it is left in place). Fails when the file cannot be read.
    public init(url: URL) throws(GeminiError) {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw .fileSystem("cannot read responses file \(url.path)")
        }
        items = BatchItems(source: .jsonLines(TemporaryFile(url: url, removeWhenDone: false)), count: nil,
                           cleaner: ServiceText(key: nil))
    }

    /// A file the client downloaded; it is removed when the reader and its iterators are gone.
    public init(_ file: TemporaryFile) {
        items = BatchItems(source: .jsonLines(file), count: nil, cleaner: ServiceText(key: nil))
    }

    public func makeIterator() -> BatchItems.Iterator { items.makeIterator() }
}
