import Foundation

/// How ``JSONValue/serialized(style:)`` lays out text.
public enum JSONStyle: Sendable {
    /// No whitespace: for database columns and comparisons.
    case compact
    /// Two-space indent and `": "`, the layout of Python's `json.dump(obj, f, indent=2)`,
    /// which the legacy tools wrote and people read.
    case pretty
}

extension JSONValue {
    /// The JSON text of this value. Keys keep their order; numbers keep their literal text.
    ///
    /// ```swift
    /// JSONValue.object(JSONObject([("a", JSONValue(1))])).serialized(style: .compact)  // {"a":1}
    /// ```
    public func serialized(style: JSONStyle = .compact) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output, style: style, indent: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// The compact JSON text as `Data`, for HTTP bodies.
    public func serializedData() -> Data { Data(serializedBytes()) }

    /// The JSON text as UTF-8 bytes, with a final newline when pretty (as editors expect).
    public func serializedBytes(style: JSONStyle = .compact) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output, style: style, indent: 0)
        if style == .pretty { output.append(0x0A) }
        return output
    }

    func write(to output: inout [UInt8], style: JSONStyle, indent: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let number): output.append(contentsOf: number.literal.utf8)
        case .string(let string): Self.writeString(string, to: &output)
        case .array(let elements):
            if elements.isEmpty { output.append(contentsOf: "[]".utf8); return }
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(&output, style: style, indent: indent + 1)
                element.write(to: &output, style: style, indent: indent + 1)
            }
            Self.newline(&output, style: style, indent: indent)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty { output.append(contentsOf: "{}".utf8); return }
            output.append(UInt8(ascii: "{"))
            for (position, pair) in object.pairs.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(&output, style: style, indent: indent + 1)
                Self.writeString(pair.key, to: &output)
                output.append(UInt8(ascii: ":"))
                if style == .pretty { output.append(UInt8(ascii: " ")) }
                pair.value.write(to: &output, style: style, indent: indent + 1)
            }
            Self.newline(&output, style: style, indent: indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ output: inout [UInt8], style: JSONStyle, indent: Int) {
        guard style == .pretty else { return }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// Writes a JSON string. Besides what JSON requires (quote, backslash, U+0000–U+001F), DEL and the C1
    /// controls (U+0080–U+009F) are escaped too, as Python's `json.dump` does: the text means the same,
    /// and a `--json` listing shown on a terminal cannot carry a raw control character.
    static func writeString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            // Runs that need no escaping are copied in one append: image data in base64 is megabytes long.
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                // C1 controls are U+0080–U+009F: 0xC2 followed by 0x80–0x9F in UTF-8.
                let isC1 = byte == 0xC2 && index + 1 < bytes.count && (0x80...0x9F).contains(bytes[index + 1])
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || isC1 else {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
                case 0x0A: output.append(contentsOf: "\\n".utf8)
                case 0x0D: output.append(contentsOf: "\\r".utf8)
                case 0x09: output.append(contentsOf: "\\t".utf8)
                case 0x08: output.append(contentsOf: "\\b".utf8)
                case 0x0C: output.append(contentsOf: "\\f".utf8)
                default:
                    let code = isC1 ? bytes[index + 1] : byte
                    let hex = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: "\\u00".utf8)
                    output.append(hex[Int(code >> 4)])
                    output.append(hex[Int(code & 0x0F)])
                }
                index += isC1 ? 2 : 1
                runStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
