import Foundation

/// The items of a finished batch, read one at a time: from an answer already parsed, from the item array
/// of a batch answer kept on disk, or from a downloaded JSONL responses file. Only the current item (its
/// JSON without the image text, and its decoded images) is in memory, whatever the size of the batch.
///
/// ```swift
/// for item in items {             // BatchItemResult, in output order
///     if case .images(let images) = item.outcome { /* ... */ }
/// }
/// ```
/// Texts from the service (error messages, keys) arrive cleaned: the API key redacted, control characters
/// escaped (see ``ServiceText``).
public struct BatchItems: Sequence, Sendable, Hashable {
    enum Source: Sendable, Hashable {
        case parsed([BatchItemResult])
        /// The `[` of an item array at `offset` in a batch answer on disk.
        case itemArray(TemporaryFile, offset: Int64)
        case jsonLines(TemporaryFile)
    }

    let source: Source
    /// Items in the output, when the answer said (inline output); nil for a responses file.
    public let count: Int?
    let cleaner: ServiceText
    /// Largest compact JSON of one item (everything but its image bytes).
    let itemLimit: Int

    init(source: Source, count: Int?, cleaner: ServiceText, itemLimit: Int = 8 << 20) {
        self.source = source
        self.count = count
        self.cleaner = cleaner
        self.itemLimit = itemLimit
    }

    /// Items parsed already (small answers, tests).
    public init(_ items: [BatchItemResult]) {
        self.init(source: .parsed(items), count: items.count, cleaner: ServiceText(secrets: []))
    }

    /// The file the items are read from, if any; it is removed once nothing refers to it any more.
    public var file: TemporaryFile? {
        switch source {
        case .parsed: nil
        case .itemArray(let file, _), .jsonLines(let file): file
        }
    }

    public func makeIterator() -> Iterator { Iterator(self) }

    /// One pass over the items. Not for sharing between threads.
    public final class Iterator: IteratorProtocol {
        private let items: BatchItems
        private var parsed: IndexingIterator<[BatchItemResult]>?
        private var reader: FileByteReader?
        private var scanner: JSONByteScanner?
        private var index = 0
        private var started = false
        private var finished = false
        private var openError: String?

        init(_ items: BatchItems) {
            self.items = items
            switch items.source {
            case .parsed(let results):
                parsed = results.makeIterator()
            case .itemArray(let file, let offset):
                open(file, offset: offset)
            case .jsonLines(let file):
                open(file, offset: 0)
            }
        }

        private func open(_ file: TemporaryFile, offset: Int64) {
            do {
                let reader = try FileByteReader(path: file.url.path, offset: offset)
                self.reader = reader
                scanner = JSONByteScanner(reader: reader, mode: .item, limit: items.itemLimit)
            } catch {
                openError = "\(error)"
            }
        }

        public func next() -> BatchItemResult? {
            if parsed != nil { return parsed?.next() }
            guard !finished else { return nil }
            if let openError {
                finished = true
                return malformed(openError)
            }
            guard let reader, scanner != nil else { return nil }
            let first: UInt8?
            switch items.source {
            case .itemArray:
                if !started {
                    started = true
                    guard reader.nextNonSpace() == UInt8(ascii: "[") else {
                        finished = true
                        return malformed("the item list is not where the answer's outline put it")
                    }
                    first = reader.nextNonSpace()
                    if first == UInt8(ascii: "]") { finished = true; return nil }
                } else {
                    switch reader.nextNonSpace() {
                    case UInt8(ascii: ","): first = reader.nextNonSpace()
                    case UInt8(ascii: "]"): finished = true; return nil
                    default:
                        finished = true
                        return malformed("the item list is cut or broken after item \(index)")
                    }
                }
            default:
                first = reader.nextNonSpace()
                if first == nil { finished = true; return nil }
            }
            guard let first else {
                finished = true
                return malformed("the item list ends early after item \(index)")
            }
            return readItem(first: first)
        }

        private func readItem(first: UInt8) -> BatchItemResult {
            let position = index
            index += 1
            scanner!.reset()
            do throws(JSONByteScanner.Failure) {
                try scanner!.value(first: first)
            } catch {
                if case .jsonLines = items.source {
                    skipRestOfLine()
                } else {
                    finished = true
                }
                switch error {
                case .malformed(let reason): return malformed(reason, at: position)
                case .tooLarge(let limit): return malformed("item is larger than \(limit) bytes without its images", at: position)
                }
            }
            let json = Data(scanner!.output)
            let result: BatchItemResult
            switch items.source {
            case .jsonLines:
                result = BatchParser.itemResult(fromResponsesFileLine: json, index: position, blobs: scanner!.blobs)
            default:
                result = BatchParser.itemResult(fromInlineEntry: json, index: position, blobs: scanner!.blobs)
            }
            return items.cleaner.clean(result)
        }

        private func skipRestOfLine() {
            while let byte = reader?.next(), byte != 0x0A {}
        }

        private func malformed(_ reason: String, at position: Int? = nil) -> BatchItemResult {
            let at = position ?? index
            if position == nil { index += 1 }
            return items.cleaner.clean(BatchItemResult(key: nil, index: at,
                                                       outcome: .failed(ItemFailure(kind: .malformed, reason: reason))))
        }
    }
}
