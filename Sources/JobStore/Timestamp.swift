import Foundation

/// A point in time with exact microsecond precision, stored as INTEGER microseconds since the Unix epoch.
///
/// The legacy tracking file carries times like `2026-02-07T21:00:00.123456`; a `Double`-based `Date`
/// cannot always give those six digits back, so stored times keep their integer form.
///
/// ```swift
/// let t = Timestamp(microsecondsSinceEpoch: 1_770_498_000_123_456)
/// let later = t.adding(seconds: 90)
/// print(later.date)
/// ```
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// Rounds `date` to the nearest microsecond.
    public init(_ date: Date) {
        microsecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The same instant as a `Date` (sub-microsecond rounding may apply).
    public var date: Date {
        Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000)
    }

    /// This instant moved by `seconds` (negative moves back), rounded to the microsecond.
    public func adding(seconds: Double) -> Timestamp {
        Timestamp(microsecondsSinceEpoch: microsecondsSinceEpoch + Int64((seconds * 1_000_000).rounded()))
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    public var description: String { date.ISO8601Format(.iso8601.year().month().day().time(includingFractionalSeconds: true)) }
}
