import Foundation
import Testing
@testable import Scheduling

/// An oracle independent of the library's `CronExpression`: the subset `SchedulePlan` emits
/// (`*`, `*/N`, `N`, comma lists) matched against integer clock fields.
private struct TinyCronMatcher {
    /// Allowed values per field (index = value), one flat table each to keep the
    /// 4-million-minute simulation quick in debug builds.
    private let minute, hour, dayOfMonth, month, dayOfWeek: [Bool]

    init(_ expression: String) {
        let tables = expression.split(separator: " ").map { field in
            (0..<60).map { value in
                field.split(separator: ",").contains { item in
                    if item == "*" { return true }
                    if item.hasPrefix("*/"), let step = Int(item.dropFirst(2)) { return value % step == 0 }
                    return Int(item) == value
                }
            }
        }
        (minute, hour, dayOfMonth, month, dayOfWeek) = (tables[0], tables[1], tables[2], tables[3], tables[4])
    }

    func matches(minute m: Int, hour h: Int, dayOfMonth d: Int, month mo: Int, dayOfWeek w: Int) -> Bool {
        minute[m] && hour[h] && dayOfMonth[d] && month[mo] && dayOfWeek[w]
    }
}

@Test func exactIntervalsUseTheMinuteOrHourField() {
    #expect(SchedulePlan.forInterval(5).cronExpression == "*/5 * * * *")
    #expect(SchedulePlan.forInterval(30).cronExpression == "*/30 * * * *")
    #expect(SchedulePlan.forInterval(60).cronExpression == "0 * * * *")
    #expect(SchedulePlan.forInterval(120).cronExpression == "0 */2 * * *")
    #expect(SchedulePlan.forInterval(720).cronExpression == "0 */12 * * *")
    #expect(SchedulePlan.forInterval(1440).cronExpression == "0 0 * * *")
    for minutes in [5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440] {
        let plan = SchedulePlan.forInterval(minutes)
        #expect(!plan.needsSkipGate, "interval \(minutes)")
        #expect(plan.baseCadenceMinutes == minutes)
    }
}

@Test func otherIntervalsUseTheLargestUniformCadenceThatDividesThem() {
    let expected: [Int: (String, Int)] = [
        45: ("*/15 * * * *", 15), 90: ("*/30 * * * *", 30), 100: ("*/20 * * * *", 20),
        1000: ("*/20 * * * *", 20), 7: ("* * * * *", 1), 300: ("0 * * * *", 60),
        1080: ("0 */6 * * *", 360), 960: ("0 */8 * * *", 480),
    ]
    for (minutes, (expression, cadence)) in expected {
        let plan = SchedulePlan.forInterval(minutes)
        #expect(plan.cronExpression == expression, "interval \(minutes)")
        #expect(plan.baseCadenceMinutes == cadence, "interval \(minutes)")
        #expect(plan.needsSkipGate, "interval \(minutes)")
    }
}

@Test func intervalValidationNamesTheConfigKey() {
    #expect(throws: ScheduleError.intervalOutOfRange(4)) { try SchedulePlan.validate(intervalMinutes: 4) }
    #expect(throws: ScheduleError.intervalOutOfRange(1441)) { try SchedulePlan.validate(intervalMinutes: 1441) }
    #expect(ScheduleError.intervalOutOfRange(4).description.contains("batch_check_interval_minutes"))
}

/// Drives the emitted cron expression and the skip gate over two days of minutes (UTC),
/// with a few seconds of start-up jitter on each firing, and returns the minutes at which
/// `check` did its work.
private func simulatedRuns(interval: Int, startMinute: Int, days: Int = 2) -> [Int] {
    let plan = SchedulePlan.forInterval(interval)
    let matcher = TinyCronMatcher(plan.cronExpression)
    // 2026-03-01 00:00:00 UTC, a Sunday; the simulation never leaves March.
    let epoch = Date(timeIntervalSince1970: 1_772_323_200)
    var lastRunStart: Date?
    var runs: [Int] = []
    for minute in startMinute..<(startMinute + days * 1440) {
        let dayIndex = minute / 1440
        guard matcher.matches(minute: minute % 60, hour: (minute / 60) % 24, dayOfMonth: 1 + dayIndex,
                              month: 3, dayOfWeek: dayIndex % 7) else { continue }
        let jitterSeconds = Double((minute * 7919) % 23)  // deterministic 0...22 s
        let now = epoch.addingTimeInterval(Double(minute) * 60 + jitterSeconds)
        if RunGate.shouldRun(intervalMinutes: interval, lastCompletedRunAt: lastRunStart, now: now) {
            runs.append(minute)
            lastRunStart = now
        }
    }
    return runs
}

@Test(arguments: [0, 7, 833])
func everyIntervalRunsExactlyOnSchedule(startMinute: Int) {
    var failures: [String] = []
    for interval in SchedulePlan.validIntervals {
        let runs = simulatedRuns(interval: interval, startMinute: startMinute)
        let plan = SchedulePlan.forInterval(interval)
        // The first run is the scheduler's first firing after installation.
        let firstFiring = (startMinute...).first { $0 % plan.baseCadenceMinutes == 0 }!
        let expected = Array(stride(from: firstFiring, to: startMinute + 2 * 1440, by: interval))
        if runs != expected {
            failures.append("interval \(interval): runs \(runs.prefix(6))... (\(runs.count)) expected \(expected.prefix(6))... (\(expected.count))")
        }
    }
    #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
}

@Test func gateRunsWithoutHistoryAndWhenTheClockWentBack() {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    #expect(RunGate.shouldRun(intervalMinutes: 45, lastCompletedRunAt: nil, now: now))
    #expect(RunGate.shouldRun(intervalMinutes: 45, lastCompletedRunAt: now.addingTimeInterval(600), now: now))
    #expect(!RunGate.shouldRun(intervalMinutes: 45, lastCompletedRunAt: now.addingTimeInterval(-30 * 60), now: now))
    #expect(RunGate.shouldRun(intervalMinutes: 45, lastCompletedRunAt: now.addingTimeInterval(-45 * 60 + 20), now: now))
    // Exact intervals never skip: cron alone decides.
    #expect(RunGate.shouldRun(intervalMinutes: 30, lastCompletedRunAt: now.addingTimeInterval(-60), now: now))
}
