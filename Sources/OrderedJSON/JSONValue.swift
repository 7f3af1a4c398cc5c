/// A JSON value that keeps object keys in document order and numbers as written.
///
/// Legacy files are read and written back by other tools, so pfc-jobs must not reorder keys,
/// drop unknown keys or turn `85` into `85.0`. Foundation's `JSONSerialization` does all three.
///
/// ```swift
/// var config = try JSONValue.parse(Array(data))
/// config["batch_check_interval_minutes"] = JSONValue(45)
/// let text = config.serialized(style: .pretty)
/// ```
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's text exactly as it appeared (or as formatted when built from Swift).
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON number kept as its literal text, so round trips are exact.
public struct JSONNumber: Sendable, Equatable, Hashable, CustomStringConvertible {
    public let literal: String

    /// Wraps a literal that the caller guarantees is valid JSON number syntax (the parser's output).
    init(validLiteral: String) { literal = validLiteral }

    public init(_ value: Int) { literal = String(value) }
    public init(_ value: Int64) { literal = String(value) }

    /// Non-finite doubles have no JSON form; they are written as `null` by the caller's choice of `JSONValue(_:)`.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        // Swift prints the shortest text that round-trips, and keeps `.0` on whole floats as Python does.
        literal = String(value)
    }

    public var doubleValue: Double? { Double(literal) }

    /// The value as an integer when it has no fractional part (`85` and `85.0` both give 85).
    public var intValue: Int? {
        if let i = Int(literal) { return i }
        if let d = Double(literal), d == d.rounded(), abs(d) < 9e15 { return Int(d) }
        return nil
    }

    public var description: String { literal }
}
