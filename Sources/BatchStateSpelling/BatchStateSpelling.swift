/// How the service spells a batch's state: `BATCH_STATE_SUCCEEDED` on the REST wire, `JOB_STATE_SUCCEEDED`
/// in the SDKs and in tracking files they wrote. The client, the emulator, the legacy import and the store's
/// clean-up query all read and write state words through this one definition.
///
/// ```swift
/// BatchStateSpelling.suffix(of: "job_state_failed")      // "failed"
/// BatchStateSpelling.wire("SUCCEEDED")                  // "BATCH_STATE_SUCCEEDED"
/// BatchStateSpelling.allSpellings(of: "EXPIRED")        // ["BATCH_STATE_EXPIRED", "JOB_STATE_EXPIRED"]
/// ```
public enum BatchStateSpelling {
    /// The prefix the REST API writes.
    public static let wirePrefix = "BATCH_STATE_"
    /// Every prefix a state word may carry, the wire's first.
    public static let prefixes = [wirePrefix, "JOB_STATE_"]

    /// The word after either prefix (compared ignoring ASCII case), as written; the whole text when it has
    /// no prefix.
    public static func suffix(of text: Substring) -> Substring {
        for prefix in prefixes where hasPrefixIgnoringCase(text, prefix) {
            return text.dropFirst(prefix.count)
        }
        return text
    }

    /// ``suffix(of:)-(Substring)`` of a whole string.
    public static func suffix(of text: String) -> Substring { suffix(of: Substring(text)) }

    /// Whether the text starts with one of the ``prefixes`` (ignoring ASCII case).
    public static func hasPrefix(_ text: Substring) -> Bool {
        prefixes.contains { hasPrefixIgnoringCase(text, $0) }
    }

    /// The wire spelling of a state suffix such as `SUCCEEDED`.
    public static func wire(_ suffix: String) -> String { wirePrefix + suffix }

    /// The suffix in every spelling, for matching stored states.
    public static func allSpellings(of suffix: String) -> [String] { prefixes.map { $0 + suffix } }

    /// Byte comparison: the legacy import runs this once per entry of files with 100k entries.
    private static func hasPrefixIgnoringCase(_ text: Substring, _ prefix: String) -> Bool {
        text.utf8.count >= prefix.utf8.count
            && zip(text.utf8, prefix.utf8).allSatisfy { ($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) == $1 }
    }
}
