/// One line of the doctor's report: which check, its verdict, what was found, and how to fix it.
///
/// ```swift
/// DoctorCheck(check: "api_key", status: .fail, detail: "GEMINI_API_KEY not found",
///             hint: "add GEMINI_API_KEY=... to /home/me/pfc/.env (chmod 600)")
/// ```
public struct DoctorCheck: Sendable, Hashable {
    /// A stable identifier (`config`, `api_key`, `images_root`, ...), the same in text and JSON.
    public var check: String
    public var status: CheckStatus
    /// What was found. Never contains the API key.
    public var detail: String
    /// What to do about it; nil when there is nothing to do.
    public var hint: String?

    public init(check: String, status: CheckStatus, detail: String, hint: String? = nil) {
        self.check = check
        self.status = status
        self.detail = detail
        self.hint = hint
    }
}
