/// A Gemini API key whose printed forms are redacted, so it cannot leak through logs or error text.
///
/// ```swift
/// let key = APIKey("AIza...")
/// print(key)            // APIKey(<redacted>)
/// ```
/// The raw value is only read when the `x-goog-api-key` header is built.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { "APIKey(<redacted>)" }
    public var debugDescription: String { description }
    // `dump()` and Mirror-based printers would otherwise show the stored property.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Replaces every occurrence of the key in `text`; used on any server- or curl-provided text
    /// before it is put into an error or a log line.
    func redact(_ text: String) -> String {
        guard !rawValue.isEmpty, text.contains(rawValue) else { return text }
        return text.replacingOccurrences(of: rawValue, with: "<redacted>")
    }
}
