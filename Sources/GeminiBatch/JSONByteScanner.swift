import Foundation

/// A recursive-descent walk over JSON bytes read from a file, for answers too large to hold: it copies what is
/// small into a compact document that `JSONSerialization` can read, and deals with what is large on the way.
///
/// Two uses:
/// - the *outline* of a batch answer: everything but the item arrays (`inlinedResponses`), which are skipped
///   and counted, their offset noted so the items can be read later one at a time;
/// - one *item*: its JSON, with every `data` string (base64 image bytes) decoded straight into a blob and
///   replaced by a marker, so no base64 text of an image is ever held.
///
/// ```swift
/// var scanner = JSONByteScanner(reader: try FileByteReader(path: path), mode: .outline, limit: 8 << 20)
/// try scanner.value()                       // the compact outline in scanner.output, items counted
/// ```
struct JSONByteScanner {
    enum Mode {
        case outline
        case item
    }

    static let maxDepth = 64
    /// Marker that stands for blob N in an item's compact JSON. `#` is not a base64 character, and every
    /// `data` string is replaced, so a marker sent by the server cannot be confused with ours.
    static func blobMarker(_ index: Int) -> String { "#blob:\(index)#" }
    static let invalidBlobMarker = "#blob:invalid#"

    let reader: FileByteReader
    let mode: Mode
    /// Most bytes the compact document may take: a larger one is not an answer we can use.
    let limit: Int
    private(set) var output: [UInt8] = []
    private(set) var blobs: [Data] = []
    /// Offset of the `[` of the first item array met, and its element count.
    private(set) var firstItemsOffset: Int64?
    private(set) var firstItemsCount = 0

    init(reader: FileByteReader, mode: Mode, limit: Int) {
        self.reader = reader
        self.mode = mode
        self.limit = limit
    }

    enum Failure: Error {
        case malformed(String)
        case tooLarge(Int)
    }

    /// Reads one whole value starting at the reader's position into `output`, from its first non-space byte.
    mutating func value() throws(Failure) {
        guard let first = reader.nextNonSpace() else { throw .malformed(endMessage("a value")) }
        try value(first: first, key: nil, depth: 0)
    }

    /// Reads one whole value whose first byte the caller has read already.
    mutating func value(first: UInt8) throws(Failure) {
        try value(first: first, key: nil, depth: 0)
    }

    /// Starts a new compact document (the next item), keeping the reader where it is.
    mutating func reset() {
        output.removeAll(keepingCapacity: true)
        blobs.removeAll()
    }

    private func endMessage(_ expected: String) -> String {
        if let error = reader.readError { return error }
        return "answer ends at byte \(reader.position) where \(expected) was expected"
    }

    private mutating func append(_ byte: UInt8) throws(Failure) {
        output.append(byte)
        if output.count > limit { throw .tooLarge(limit) }
    }

    private mutating func append(_ text: String) throws(Failure) {
        output.append(contentsOf: text.utf8)
        if output.count > limit { throw .tooLarge(limit) }
    }

    private mutating func value(first: UInt8, key: String?, depth: Int) throws(Failure) {
        guard depth < Self.maxDepth else { throw .malformed("nested deeper than \(Self.maxDepth) levels") }
        switch first {
        case UInt8(ascii: "{"):
            try object(depth: depth)
        case UInt8(ascii: "["):
            if mode == .outline, key == "inlinedResponses" || key == "inlined_responses" {
                try skipItems()
            } else {
                try array(depth: depth)
            }
        case UInt8(ascii: "\""):
            if mode == .item, key == "data" {
                try decodeBlob()
            } else {
                _ = try copyString(capture: false)
            }
        default:
            try copyScalar(first)
        }
    }

    private mutating func object(depth: Int) throws(Failure) {
        try append(UInt8(ascii: "{"))
        guard var byte = reader.nextNonSpace() else { throw .malformed(endMessage("a key")) }
        if byte == UInt8(ascii: "}") { return try append(byte) }
        while true {
            guard byte == UInt8(ascii: "\"") else { throw .malformed("expected a key at byte \(reader.position - 1)") }
            let key = try copyString(capture: true)
            guard reader.nextNonSpace() == UInt8(ascii: ":") else {
                throw .malformed("expected ':' at byte \(reader.position - 1)")
            }
            try append(UInt8(ascii: ":"))
            guard let first = reader.nextNonSpace() else { throw .malformed(endMessage("a value")) }
            try value(first: first, key: key, depth: depth + 1)
            guard let separator = reader.nextNonSpace() else { throw .malformed(endMessage("',' or '}'")) }
            try append(separator)
            if separator == UInt8(ascii: "}") { return }
            guard separator == UInt8(ascii: ",") else {
                throw .malformed("expected ',' or '}' at byte \(reader.position - 1)")
            }
            guard let next = reader.nextNonSpace() else { throw .malformed(endMessage("a key")) }
            byte = next
        }
    }

    private mutating func array(depth: Int) throws(Failure) {
        try append(UInt8(ascii: "["))
        guard var byte = reader.nextNonSpace() else { throw .malformed(endMessage("a value")) }
        if byte == UInt8(ascii: "]") { return try append(byte) }
        while true {
            try value(first: byte, key: nil, depth: depth + 1)
            guard let separator = reader.nextNonSpace() else { throw .malformed(endMessage("',' or ']'")) }
            try append(separator)
            if separator == UInt8(ascii: "]") { return }
            guard separator == UInt8(ascii: ",") else {
                throw .malformed("expected ',' or ']' at byte \(reader.position - 1)")
            }
            guard let next = reader.nextNonSpace() else { throw .malformed(endMessage("a value")) }
            byte = next
        }
    }

    /// Copies a string (the opening quote already read) with its escapes as they are; returns its text when
    /// `capture` (keys, which are short: a longer key is cut for matching, never for the copy).
    private mutating func copyString(capture: Bool) throws(Failure) -> String? {
        try append(UInt8(ascii: "\""))
        let start = output.count
        while let byte = reader.next() {
            output.append(byte)
            if byte == UInt8(ascii: "\\") {
                guard let escaped = reader.next() else { break }
                output.append(escaped)
            } else if byte == UInt8(ascii: "\"") {
                if output.count > limit { throw .tooLarge(limit) }
                guard capture else { return nil }
                let end = output.count - 1
                return String(decoding: output[start..<min(end, start + 256)], as: UTF8.self)
            }
            if output.count > limit { throw .tooLarge(limit) }
        }
        throw .malformed(endMessage("the end of a string"))
    }

    private mutating func copyScalar(_ first: UInt8) throws(Failure) {
        try append(first)
        while let byte = reader.peek() {
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: return
            default:
                _ = reader.next()
                try append(byte)
            }
        }
    }

    /// Skips an item array (the `[` already read), counting its elements; only the first one met is noted.
    private mutating func skipItems() throws(Failure) {
        let offset = reader.position - 1
        try append("[]")
        var depth = 1
        var count = 0
        var expectingValue = true
        while let byte = reader.next() {
            switch byte {
            case UInt8(ascii: "\""):
                if depth == 1, expectingValue { count += 1; expectingValue = false }
                try skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 1, expectingValue { count += 1; expectingValue = false }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    if firstItemsOffset == nil {
                        firstItemsOffset = offset
                        firstItemsCount = count
                    }
                    return
                }
            case UInt8(ascii: ","):
                if depth == 1 { expectingValue = true }
            case 0x20, 0x0A, 0x0D, 0x09:
                continue
            default:
                if depth == 1, expectingValue { count += 1; expectingValue = false }
            }
        }
        throw .malformed(endMessage("the end of the item list"))
    }

    private func skipString() throws(Failure) {
        while let byte = reader.next() {
            if byte == UInt8(ascii: "\\") {
                guard reader.next() != nil else { break }
            } else if byte == UInt8(ascii: "\"") {
                return
            }
        }
        throw .malformed(endMessage("the end of a string"))
    }

    /// Decodes a base64 string (standard or URL-safe alphabet, padding optional) as it is read, into a blob.
    private mutating func decodeBlob() throws(Failure) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        var accumulator: UInt32 = 0
        var bits = 0
        var valid = true
        var padded = false
        var closed = false
        while let raw = reader.next() {
            var byte = raw
            if byte == UInt8(ascii: "\"") { closed = true; break }
            if byte == UInt8(ascii: "\\") {
                guard let escaped = reader.next() else { break }
                switch escaped {
                case UInt8(ascii: "/"): byte = escaped
                case UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"): continue
                case UInt8(ascii: "u"):
                    var code: UInt32 = 0
                    for _ in 0..<4 {
                        guard let hex = reader.next(), let digit = Self.hexValue(hex) else { valid = false; break }
                        code = code << 4 | digit
                    }
                    guard valid, code < 0x80 else { valid = false; continue }
                    byte = UInt8(code)
                default:
                    valid = false
                    continue
                }
            }
            let sextet = Self.base64Table[Int(byte)]
            if sextet >= 0 {
                if padded { valid = false }
                accumulator = (accumulator << 6) | UInt32(sextet)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                }
            } else if byte == UInt8(ascii: "=") {
                padded = true
            } else if byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 {
                valid = false
            }
        }
        guard closed else { throw .malformed(endMessage("the end of the image data")) }
        // A lone sextet left over is not a whole byte: the text was cut.
        if bits >= 6 { valid = false }
        if valid {
            blobs.append(Data(bytes))
            try append("\"\(Self.blobMarker(blobs.count - 1))\"")
        } else {
            try append("\"\(Self.invalidBlobMarker)\"")
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static let base64Table: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = Int8(index)
        }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()
}
