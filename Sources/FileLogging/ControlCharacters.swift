/// Makes text from outside (an API's error, an item key, a job id) safe to show on one line of a log
/// file or a terminal: every control character is written as a visible escape, so an ESC cannot clear
/// a screen or recolour it, a CR or newline cannot forge a log line, a BEL cannot ring.
///
/// Escaped: C0 (U+0000–U+001F, newline as `\n`, CR as `\r`, tab as `\t`), DEL (U+007F) and C1
/// (U+0080–U+009F, which some terminals read as ESC sequences), each other one as `\u{1B}`-style
/// Swift escapes. A backslash stays a single backslash: the escapes are for people, not a reversible encoding.
///
/// ```swift
/// ControlCharacters.escaped("job\u{1B}[2J done\r\n")   // "job\\u{1B}[2J done\\r\\n"
/// ```
public enum ControlCharacters {
    /// True for the characters ``escaped(_:)`` rewrites.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The text with every control character replaced by its escape; text without one is returned as is.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 2) + "}"
            }
        }
        return result
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
