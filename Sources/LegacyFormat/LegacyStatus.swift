import BatchStateSpelling
import JobStore

/// Maps the legacy tracking file's `status` + `retrieved` to pfc-jobs' local status and back.
///
/// `retrieved: true` meant "done, never look again": it becomes `completed`, or `failed` /
/// `cancelled` / `expired` where the old status says so. A job not yet retrieved stays `pending`
/// (even if the old checker saw it succeed: its images are still to be fetched) unless its status
/// is already terminal. A status spelled as an API state (`BATCH_STATE_*`, `JOB_STATE_*`) is kept
/// as the remote state.
public enum LegacyStatus {
    public static func localStatus(legacy status: String?, retrieved: Bool?) -> (status: JobStatus, remoteState: String?) {
        // Plain byte comparisons: this runs once per entry of files with 100k entries.
        let text = status ?? ""
        let word = BatchStateSpelling.suffix(of: text)
        let remoteState: String? = word.utf8.count == text.utf8.count ? nil : text
        let terminal: JobStatus? = if containsIgnoringCase(word, "FAIL") { .failed }
            else if containsIgnoringCase(word, "CANCEL") { .cancelled }
            else if containsIgnoringCase(word, "EXPIRE") { .expired }
            else { nil }
        if let terminal { return (terminal, remoteState) }
        return (retrieved == true ? .completed : .pending, remoteState)
    }

    private static func containsIgnoringCase(_ text: Substring, _ needle: String) -> Bool {
        let haystack = Array(text.utf8).map(upper)
        let pattern = Array(needle.utf8)
        guard haystack.count >= pattern.count else { return false }
        for start in 0...(haystack.count - pattern.count) where haystack[start..<start + pattern.count].elementsEqual(pattern) {
            return true
        }
        return false
    }

    private static func upper(_ byte: UInt8) -> UInt8 { byte >= 97 && byte <= 122 ? byte - 32 : byte }

    /// The legacy `status` string written on export.
    public static func legacyStatus(_ status: JobStatus) -> String { status.rawValue }

    /// The legacy `retrieved` flag: true once pfc-jobs will not look at the job again.
    public static func retrieved(_ status: JobStatus) -> Bool { status.isTerminal }
}
