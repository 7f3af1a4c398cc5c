import Foundation
import Testing
@testable import Scheduling

private var utc: Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar
}

private func date(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    return formatter.date(from: text)!
}

@Test func parsesTheSubsetAndMatchesFields() throws {
    let cron = try CronExpression("*/15 2,14 1-10/3 * 1-5")
    #expect(cron.minutes == [0, 15, 30, 45])
    #expect(cron.hours == [2, 14])
    #expect(cron.daysOfMonth == [1, 4, 7, 10])
    #expect(cron.daysOfWeek == [1, 2, 3, 4, 5])
    #expect(throws: CronExpression.ParseError.self) { try CronExpression("*/15 * * *") }
    #expect(throws: CronExpression.ParseError.self) { try CronExpression("61 * * * *") }
    #expect(throws: CronExpression.ParseError.self) { try CronExpression("@daily") }
}

@Test func nextFireFollowsTheClock() throws {
    #expect(try CronExpression("*/15 * * * *").nextFire(after: date("2026-03-01T10:07:30Z"), calendar: utc)
            == date("2026-03-01T10:15:00Z"))
    #expect(try CronExpression("*/15 * * * *").nextFire(after: date("2026-03-01T10:15:00Z"), calendar: utc)
            == date("2026-03-01T10:30:00Z"))
    #expect(try CronExpression("0 */6 * * *").nextFire(after: date("2026-03-01T19:00:00Z"), calendar: utc)
            == date("2026-03-02T00:00:00Z"))
    #expect(try CronExpression("0 0 * * *").nextFire(after: date("2026-12-31T23:59:59Z"), calendar: utc)
            == date("2027-01-01T00:00:00Z"))
    // 2026-03-02 is a Monday.
    #expect(try CronExpression("30 9 * * 1").nextFire(after: date("2026-02-27T12:00:00Z"), calendar: utc)
            == date("2026-03-02T09:30:00Z"))
    #expect(try CronExpression("0 0 31 2 *").nextFire(after: date("2026-01-01T00:00:00Z"), calendar: utc) == nil)
}

@Test func statusNextRunAppliesTheSkipGate() {
    // Interval 45 fires every 15 min; last run at 10:00 → the 10:15 and 10:30 firings skip.
    let next = ScheduleStatus.nextRun(schedule: "*/15 * * * *", intervalMinutes: 45,
                                      lastRun: date("2026-03-01T10:00:04Z"), after: date("2026-03-01T10:01:00Z"),
                                      calendar: utc)
    #expect(next == date("2026-03-01T10:45:00Z"))
    #expect(ScheduleStatus.nextRun(schedule: "*/15 * * * *", intervalMinutes: 45, lastRun: nil,
                                   after: date("2026-03-01T10:01:00Z"), calendar: utc) == date("2026-03-01T10:15:00Z"))
}
