/// Text made safe for HTML: user text (prompts, titles, error messages) is shown as text, never read as
/// markup. `&`, `<`, `>`, `"` and `'` become entities, so the same text is safe in an element and in a quoted
/// attribute; line feeds, carriage returns and tabs become numeric references (a fragment stays on one line
/// of the gallery's cache); other control characters, which HTML forbids, become U+FFFD.
///
/// ```swift
/// HTMLText.escape("<script>alert(1)</script>")   // "&lt;script&gt;alert(1)&lt;/script&gt;"
/// ```
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\n": escaped += "&#10;"
            case "\r": escaped += "&#13;"
            case "\t": escaped += "&#9;"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    escaped.unicodeScalars.append("\u{FFFD}")
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}
