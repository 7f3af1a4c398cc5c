/// Which tracking-file ids pfc-jobs takes. An id is kept exactly or refused: an id that cannot name
/// one job exactly (a control character, a `.`, `..` or empty path part) is refused with the entry named,
/// never altered. `batches/.` would otherwise reach the API as `batches/` (the list call), and an id
/// with U+0000 would be cut at the NUL by C code and name another batch.
///
/// ```swift
/// LegacyJobID.problem(with: "batches/abc")  // nil
/// LegacyJobID.problem(with: "batches/..")   // "is not a job id: ..."
/// ```
public enum LegacyJobID {
    /// Why `id` is refused, or nil when it is taken. An empty or blank id is not refused here:
    /// such an entry is kept in the file and reported as skipped.
    public static func problem(with id: String) -> String? {
        if let control = id.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            let hex = String(control.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return "the id holds the control character \(code)" + (control.value == 0 ? " (NUL)" : "")
        }
        if id.allSatisfy(\.isWhitespace) { return nil }
        let components = id.split(separator: "/", omittingEmptySubsequences: false)
        if components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            return "is not a job id: one of its /-separated parts is empty, \".\" or \"..\""
        }
        return nil
    }
}
