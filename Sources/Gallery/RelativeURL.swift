/// A relative URL from the gallery folder to a file, percent-encoded segment by segment, so the page works
/// from `file://` and from any web server, wherever the folders are copied together, and paths holding
/// spaces, `#`, `?`, `%` or non-ASCII letters still resolve.
///
/// ```swift
/// RelativeURL.from(folder: "/srv/my images/gallery", to: "/srv/my images/original/req_0-1a2b3c4d.png")
/// // "../original/req_0-1a2b3c4d.png"
/// RelativeURL.from(folder: "/tmp/out", to: "/srv/my images/original/a#1.png")
/// // "../../srv/my%20images/original/a%231.png"
/// ```
public enum RelativeURL {
    /// `file` relative to `folder`; both are absolute paths (`.` and `..` segments are resolved first).
    public static func from(folder: String, to file: String) -> String {
        let base = segments(folder)
        let target = segments(file)
        var common = 0
        while common < base.count, common < target.count - 1, base[common] == target[common] { common += 1 }
        let up = Array(repeating: "..", count: base.count - common)
        return (up + target[common...].map(encode)).joined(separator: "/")
    }

    /// Every byte outside RFC 3986's unreserved set (letters, digits, `-`, `.`, `_`, `~`) as `%XX` of its UTF-8.
    public static func encode(_ segment: String) -> String {
        var encoded = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }

    /// The path's segments with `.` dropped and `..` applied.
    static func segments(_ path: String) -> [String] {
        var result: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !result.isEmpty { result.removeLast() }
            default: result.append(String(part))
            }
        }
        return result
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
