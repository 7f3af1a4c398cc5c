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
        let text = status ?? ""
        let upper = text.uppercased()
        let remoteState = (upper.hasPrefix("BATCH_STATE_") || upper.hasPrefix("JOB_STATE_")) ? text : nil
        let word = upper.replacingOccurrences(of: "BATCH_STATE_", with: "").replacingOccurrences(of: "JOB_STATE_", with: "")
        let terminal: JobStatus? = if word.contains("FAIL") { .failed }
            else if word.contains("CANCEL") { .cancelled }
            else if word.contains("EXPIRE") { .expired }
            else { nil }
        if let terminal { return (terminal, remoteState) }
        return (retrieved == true ? .completed : .pending, remoteState)
    }

    /// The legacy `status` string written on export.
    public static func legacyStatus(_ status: JobStatus) -> String { status.rawValue }

    /// The legacy `retrieved` flag: true once pfc-jobs will not look at the job again.
    public static func retrieved(_ status: JobStatus) -> Bool { status.isTerminal }
}
