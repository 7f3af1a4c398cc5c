/// Cleans text that comes from the service (error messages, item keys, finish messages) before anything
/// stores, logs or prints it: the API key is redacted (a server may quote the request back), control
/// characters are escaped (an ESC in a message must not reach a terminal, a newline must not forge a log
/// line), and the length is bounded.
///
/// ```swift
/// let cleaner = ServiceText(key: APIKey("AIza..."))
/// cleaner.clean("bad key AIza...\u{1B}[2J")   // "bad key <redacted>\u001B[2J"
/// ```
public struct ServiceText: Sendable, Hashable, CustomReflectable {
    let key: APIKey?
    public static let maxCharacters = 2000

    public init(key: APIKey?) {
        self.key = key
    }

    init(secrets: [String]) {
        key = secrets.first.map(APIKey.init)
    }

    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    public func clean(_ text: String) -> String {
        let redacted = key?.redact(text) ?? text
        return Self.escapingControlCharacters(redacted, limit: Self.maxCharacters)
    }

    /// C0 controls, DEL and C1 controls become `\u00XX`; text past `limit` characters is cut with a note.
    public static func escapingControlCharacters(_ text: String, limit: Int = .max) -> String {
        let needsWork = text.unicodeScalars.contains { isControl($0) } || text.count > limit
        guard needsWork else { return text }
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                result += "… (cut at \(limit) characters)"
                break
            }
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    func clean(_ item: BatchItemResult) -> BatchItemResult {
        var item = item
        item.key = item.key.map(clean)
        item.text = item.text.map(clean)
        if case .failed(var failure) = item.outcome {
            failure.reason = clean(failure.reason)
            item.outcome = .failed(failure)
        }
        return item
    }

    func clean(_ status: RPCStatus) -> RPCStatus {
        var status = status
        status.message = clean(status.message)
        status.status = clean(status.status)
        status.reason = status.reason.map(clean)
        return status
    }
}
