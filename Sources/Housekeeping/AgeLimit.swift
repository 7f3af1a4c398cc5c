import Foundation

/// An age such as `90d` (days), `36h` (hours) or `2w` (weeks), as `prune --older-than` takes it.
///
/// ```swift
/// let age = try AgeLimit.parse("90d", option: "--older-than")
/// let cutoff = age.cutoff(now: Date())   // 90 days ago
/// ```
public struct AgeLimit: Sendable, Hashable, CustomStringConvertible {
    /// The age in seconds.
    public var seconds: Double
    /// As given, for messages.
    public var description: String

    public init(days: Int) {
        seconds = Double(days) * 86_400
        description = "\(days)d"
    }

    /// A whole number followed by `d`, `h` or `w`; anything else is an error naming `option` and the value.
    public static func parse(_ text: String, option: String) throws(HousekeepingError) -> AgeLimit {
        let units: [Character: Double] = ["h": 3_600, "d": 86_400, "w": 7 * 86_400]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let unit = trimmed.last, let scale = units[unit],
              let count = Int(trimmed.dropLast()), count >= 0, count <= 100_000, trimmed.first?.isNumber == true else {
            throw .invalidInput("\(option) \(text): expected a whole number of days, hours or weeks, e.g. 90d, 36h, 2w")
        }
        return AgeLimit(seconds: Double(count) * scale, description: trimmed)
    }

    init(seconds: Double, description: String) {
        self.seconds = seconds
        self.description = description
    }

    /// The moment `now` minus this age: what is older is pruned.
    public func cutoff(now: Date) -> Date { now.addingTimeInterval(-seconds) }
}
