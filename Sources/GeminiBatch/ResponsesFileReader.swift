import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a downloaded JSONL responses file one line, one item at a time: only the current line and its
/// decoded image are in memory.
///
/// ```swift
/// let reader = try ResponsesFileReader(url: fileURL)
/// for item in reader { handle(item) }      // BatchItemResult, index = line position
/// ```
/// Blank lines are skipped; a line that is not JSON yields a `.malformed` failure at its position.
public struct ResponsesFileReader: Sequence, Sendable {
    public let url: URL

    /// Fails when the file cannot be opened.
    public init(url: URL) throws(GeminiError) {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw .fileSystem("cannot read responses file \(url.path)")
        }
        self.url = url
    }

    public func makeIterator() -> Iterator {
        Iterator(path: url.path)
    }

    /// Owns the open file; closed when the iterator is released or the end is reached.
    public final class Iterator: IteratorProtocol {
        private var file: UnsafeMutablePointer<FILE>?
        private var lineBuffer: UnsafeMutablePointer<CChar>?
        private var lineCapacity = 0
        private var nextIndex = 0

        init(path: String) {
            file = fopen(path, "r")
        }

        deinit {
            close()
        }

        public func next() -> BatchItemResult? {
            while let file {
                let length = getline(&lineBuffer, &lineCapacity, file)
                guard length >= 0, let lineBuffer else {
                    close()
                    return nil
                }
                let line = Data(bytesNoCopy: lineBuffer, count: length, deallocator: .none)
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { continue }
                let index = nextIndex
                nextIndex += 1
                return BatchParser.itemResult(fromResponsesFileLine: line, index: index)
            }
            return nil
        }

        private func close() {
            if let file { fclose(file) }
            file = nil
            free(lineBuffer)
            lineBuffer = nil
            lineCapacity = 0
        }
    }
}
