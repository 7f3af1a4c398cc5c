import OrderedJSON

/// Everything `doctor` found, in check order, as text for people or JSON for scripts.
///
/// ```swift
/// let report = Doctor(environment: env, currentDirectory: cwd).run()
/// print(report.text)
/// exit(report.hasFailures ? 1 : 0)
/// ```
public struct DoctorReport: Sendable, Hashable {
    public var checks: [DoctorCheck]

    public init(checks: [DoctorCheck]) { self.checks = checks }

    /// True when any check failed; warnings alone leave the setup usable.
    public var hasFailures: Bool { checks.contains { $0.verdict == .fail } }

    /// The check with this identifier, if it ran.
    public subscript(check: DoctorCheckID) -> DoctorCheck? { checks.first { $0.check == check } }

    /// One line per check: `PASS  config        /home/me/pfc/config.json is valid`, the fix hint
    /// after an arrow on the same line.
    public var text: String {
        let width = checks.map(\.check.rawValue.count).max() ?? 0
        return checks.map { item in
            var line = "\(item.verdict.label)  \(item.check.rawValue.padding(toLength: width, withPad: " ", startingAt: 0))  \(item.detail)"
            if let hint = item.hint { line += "  -> fix: \(hint)" }
            return line
        }.joined(separator: "\n")
    }

    /// `[{"check": ..., "status": "pass"|"warn"|"fail", "detail": ..., "hint": ... or null}, ...]` (the verdict keeps
    /// the key `status` that scripts already read).
    public var json: JSONValue {
        .array(checks.map { item in
            var object = JSONObject()
            object["check"] = JSONValue(item.check.rawValue)
            object["status"] = JSONValue(item.verdict.rawValue)
            object["detail"] = JSONValue(item.detail)
            object["hint"] = JSONValue(item.hint)
            return .object(object)
        })
    }
}
