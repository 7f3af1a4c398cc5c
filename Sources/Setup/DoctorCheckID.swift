/// Which doctor check a line reports: a stable identifier, the same in the text report and in `--json`
/// (`"check": "api_key"`), so scripts can rely on it.
///
/// ```swift
/// report[.apiKey]?.verdict == .pass
/// DoctorCheckID.onlineKey.rawValue   // "online_key"
/// ```
public enum DoctorCheckID: String, Sendable, Hashable, CaseIterable {
    case config
    case apiKey = "api_key"
    case imagesRoot = "images_root"
    case database
    case migrations
    case schedule
    case log
    case lastRun = "last_run"
    case stuckLeases = "stuck_leases"
    case nearExpiry = "near_expiry"
    case failedJobs = "failed_jobs"
    case privateFiles = "private_files"
    /// `--online`: the service accepted the key.
    case onlineKey = "online_key"
    /// `--online`: the configured model is live and takes batches.
    case onlineModel = "online_model"
}
