import JobStore

/// The code label of `pfc_jobs_api_errors_total`, told from the text of an error the checker recorded in a
/// job's history: the HTTP status when the API answered (`503`, `429`, `404`, ...), else the kind of failure
/// (`transport`, `timeout`, `truncated`, `invalid_response`, `answer_too_large`). Texts that name no failed API
/// call (a failed batch, a full disk) have none.
///
/// ```swift
/// APIErrorCode.of(kind: "transient-error", head: "Gemini API error (HTTP 503): UNAVAILABLE")   // "503"
/// APIErrorCode.of(kind: "failed", head: "batch failed: quota")                               // nil
/// ```
public enum APIErrorCode {
    public static func of(kind: String, head: String) -> String? {
        if let status = httpStatus(in: head) { return status }
        if head.hasPrefix("batch not found on the API") || head.hasPrefix("not found:") || head.contains(": not found:") {
            return "404"
        }
        let kinds: [(marker: String, code: String)] = [
            ("transport error (curl", "transport"), ("timeout:", "timeout"), ("truncated response body", "truncated"),
            ("invalid response:", "invalid_response"), ("the API's answer is larger than", "answer_too_large"),
        ]
        return kinds.first { head.contains($0.marker) }?.code
    }

    /// Sums the grouped history events by code.
    public static func counts(_ events: [StoreFigures.ErrorEvents]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for event in events {
            if let code = of(kind: event.kind, head: event.head) { counts[code, default: 0] += event.count }
        }
        return counts
    }

    /// The three digits after the first `(HTTP ` (how the client's errors name the status).
    private static func httpStatus(in text: String) -> String? {
        guard let range = text.range(of: "(HTTP ") else { return nil }
        let digits = text[range.upperBound...].prefix(3)
        guard digits.count == 3, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return String(digits)
    }
}
