/// The verdict of one doctor check (named apart from a check *run* of `pfc-jobs check`). Only ``fail``
/// makes `doctor` exit non-zero: a warning is something to look at, not something broken.
public enum DoctorVerdict: String, Sendable, Hashable, CaseIterable {
    case pass
    case warn
    case fail

    /// `PASS`, `WARN` or `FAIL`, as the text report shows it.
    public var label: String { rawValue.uppercased() }
}
