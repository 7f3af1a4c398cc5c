import Foundation

/// A parsed five-field cron schedule (`minute hour day-of-month month day-of-week`) supporting
/// `*`, `N`, `A-B`, `*/N`, `A-B/N` and comma lists — enough to read back what
/// ``SchedulePlan`` writes and most hand-written entries. `@`-keywords are not supported.
///
/// ```swift
/// let cron = try CronExpression("*/15 * * * *")
/// let next = cron.nextFire(after: Date(), calendar: .current)
/// ```
public struct CronExpression: Sendable, Equatable {
    public let minutes: Set<Int>
    public let hours: Set<Int>
    public let daysOfMonth: Set<Int>
    public let months: Set<Int>
    /// 0 = Sunday ... 6 = Saturday (7 is folded into 0).
    public let daysOfWeek: Set<Int>
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool

    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public let expression: String
        public let reason: String
        public var description: String { "cron expression \"\(expression)\": \(reason)" }
    }

    public init(_ expression: String) throws {
        let fields = expression.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        func fail(_ reason: String) -> ParseError { ParseError(expression: expression, reason: reason) }
        guard fields.count == 5 else { throw fail("expected 5 fields, found \(fields.count)") }
        func parse(_ field: String, _ name: String, _ range: ClosedRange<Int>) throws -> Set<Int> {
            var values = Set<Int>()
            for item in field.split(separator: ",", omittingEmptySubsequences: false) {
                let parts = item.split(separator: "/", omittingEmptySubsequences: false)
                guard parts.count <= 2 else { throw fail("bad \(name) item \"\(item)\"") }
                var step = 1
                if parts.count == 2 {
                    guard let parsed = Int(parts[1]), parsed > 0 else { throw fail("bad step in \(name) item \"\(item)\"") }
                    step = parsed
                }
                let span: ClosedRange<Int>
                if parts[0] == "*" {
                    span = range
                } else if let dash = parts[0].firstIndex(of: "-") {
                    guard let low = Int(parts[0][..<dash]), let high = Int(parts[0][parts[0].index(after: dash)...]),
                          low <= high, range.contains(low), range.contains(high)
                    else { throw fail("bad \(name) range \"\(parts[0])\"") }
                    span = low...high
                } else {
                    guard let value = Int(parts[0]), range.contains(value) else { throw fail("bad \(name) value \"\(parts[0])\"") }
                    // "N/S" means "from N to the end in steps of S" in Vixie cron.
                    span = parts.count == 2 ? value...range.upperBound : value...value
                }
                values.formUnion(stride(from: span.lowerBound, through: span.upperBound, by: step))
            }
            return values
        }
        minutes = try parse(fields[0], "minute", 0...59)
        hours = try parse(fields[1], "hour", 0...23)
        daysOfMonth = try parse(fields[2], "day-of-month", 1...31)
        months = try parse(fields[3], "month", 1...12)
        daysOfWeek = Set(try parse(fields[4], "day-of-week", 0...7).map { $0 % 7 })
        dayOfMonthRestricted = !fields[2].hasPrefix("*")
        dayOfWeekRestricted = !fields[4].hasPrefix("*")
    }

    /// Whether the schedule fires at this local wall-clock minute (`dayOfWeek` 0 = Sunday).
    public func matches(minute: Int, hour: Int, dayOfMonth: Int, month: Int, dayOfWeek: Int) -> Bool {
        guard minutes.contains(minute), hours.contains(hour), months.contains(month) else { return false }
        // Cron's rule: when both day fields are restricted, either one matching is enough.
        let domMatch = daysOfMonth.contains(dayOfMonth), dowMatch = daysOfWeek.contains(dayOfWeek % 7)
        if dayOfMonthRestricted && dayOfWeekRestricted { return domMatch || dowMatch }
        return domMatch && dowMatch
    }

    /// The first firing strictly after `date` in `calendar`'s time zone, searching up to
    /// `horizonDays` ahead (nil when none, e.g. "31 2 * *").
    public func nextFire(after date: Date, calendar: Calendar, horizonDays: Int = 400) -> Date? {
        let startOfMinute = calendar.dateInterval(of: .minute, for: date)?.start ?? date
        var candidate = startOfMinute.addingTimeInterval(60)
        let limit = date.addingTimeInterval(Double(horizonDays) * 86_400)
        while candidate <= limit {
            let parts = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: candidate)
            let month = parts.month!, day = parts.day!, hour = parts.hour!
            if !months.contains(month) || !dayMatches(day: day, weekday: parts.weekday! - 1) {
                // Jump to the next local midnight instead of walking the day minute by minute.
                candidate = calendar.nextDate(after: candidate, matching: DateComponents(hour: 0, minute: 0),
                                              matchingPolicy: .nextTime) ?? candidate.addingTimeInterval(60)
                continue
            }
            if !hours.contains(hour) {
                candidate = calendar.dateInterval(of: .hour, for: candidate).map { $0.end } ?? candidate.addingTimeInterval(60)
                continue
            }
            if minutes.contains(parts.minute!) { return candidate }
            candidate = candidate.addingTimeInterval(60)
        }
        return nil
    }

    private func dayMatches(day: Int, weekday: Int) -> Bool {
        let domMatch = daysOfMonth.contains(day), dowMatch = daysOfWeek.contains(weekday)
        if dayOfMonthRestricted && dayOfWeekRestricted { return domMatch || dowMatch }
        return domMatch && dowMatch
    }
}
