import Foundation
import Digests
import ImageConversion

/// File names for retrieved images: readable (from the request key), safe (no `/`, no `..`, no
/// leading dot, bounded length) and unique across jobs (a short tag of the job id), so no job can
/// overwrite another job's `req_0.png` as the legacy checker did.
///
/// ```swift
/// ImageNaming.baseName(requestKey: "../../x", jobID: "batches/abc")  // "x-b6177ffb"
/// ```
public enum ImageNaming {
    static let maximumKeyLength = 80

    /// The name without extension: `<safe key>-<8 hex digits of the job id's SHA-256>`.
    public static func baseName(requestKey: String, jobID: String) -> String {
        "\(safeComponent(requestKey))-\(jobTag(jobID))"
    }

    /// The job's tag: stable, so a resumed run computes the same names and adopts what a crashed one wrote.
    public static func jobTag(_ jobID: String) -> String { String(SHA256.hex(of: Array(jobID.utf8)).prefix(8)) }

    /// Letters, digits, `.`, `_` and `-` kept; runs of anything else become one `_`; no leading dots.
    public static func safeComponent(_ text: String) -> String {
        var result = ""
        var lastWasReplacement = false
        for scalar in text.unicodeScalars {
            let allowed = (scalar.value < 128) && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
            if allowed {
                result.unicodeScalars.append(scalar)
                lastWasReplacement = false
            } else if !lastWasReplacement {
                result.append("_")
                lastWasReplacement = true
            }
        }
        while result.hasPrefix(".") || result.hasPrefix("_") { result.removeFirst() }
        while result.hasSuffix("_") || result.hasSuffix(".") { result.removeLast() }
        result = String(result.prefix(maximumKeyLength))
        return result.isEmpty ? "image" : result
    }

    /// The MIME type of what the bytes are (recorded instead of what the service declared).
    public static func mimeType(of format: ImageFormat) -> String {
        switch format {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .webp: "image/webp"
        }
    }
}
