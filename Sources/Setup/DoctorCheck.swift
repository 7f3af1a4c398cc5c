/// One line of the doctor's report: which check, its verdict, what was found, and how to fix it.
///
/// ```swift
/// DoctorCheck(check: .apiKey, verdict: .fail, detail: "GEMINI_API_KEY not found",
///             hint: "add GEMINI_API_KEY=... to /home/me/pfc/.env (chmod 600)")
/// ```
public struct DoctorCheck: Sendable, Hashable {
    public var check: DoctorCheckID
    public var verdict: DoctorVerdict
    /// What was found. Never contains the API key.
    public var detail: String
    /// What to do about it; nil when there is nothing to do.
    public var hint: String?

    public init(check: DoctorCheckID, verdict: DoctorVerdict, detail: String, hint: String? = nil) {
        self.check = check
        self.verdict = verdict
        self.detail = detail
        self.hint = hint
    }
}
