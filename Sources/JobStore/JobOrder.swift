/// Orderings offered by ``JobStore/jobs(status:limit:order:)``.
public enum JobOrder: Sendable, Hashable {
    /// Oldest submission first, then id (stable; the legacy file's natural order). Unknown submit times come last.
    case submittedAscending
    /// Newest submission first, then id (for `list`).
    case submittedDescending
    /// By id.
    case id
}
