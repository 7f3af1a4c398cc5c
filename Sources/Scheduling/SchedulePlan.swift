import PFCConfig
/// How the batch checker is scheduled so that it runs at exactly `intervalMinutes`.
///
/// Cron can only express uniform periods that line up with the hour (divisors of 60 in the
/// minute field) or with the day (multiples of 60 dividing 1440 in the hour field). Every
/// other interval (45, 90, 100, 1000, ...) fires at a finer *base cadence* — the largest
/// uniform period that divides the interval — and `check` skips a firing when less than the
/// interval has passed since the last completed run (see ``RunGate``). Because the base
/// cadence divides both the interval and the day, the gated runs stay exactly `interval`
/// apart across hour and day boundaries.
///
/// ```swift
/// let plan = SchedulePlan.forInterval(45)
/// plan.cronExpression        // "*/15 * * * *"
/// plan.baseCadenceMinutes    // 15
/// plan.needsSkipGate         // true
/// ```
///
/// Cron works in local time: on a daylight-saving change an hour-field schedule
/// (`0 */3 * * *`, and the gated ones whose cadence is a whole number of hours) gains or loses
/// an hour once. Minute-field schedules are not affected.
public struct SchedulePlan: Sendable, Equatable, CustomStringConvertible {
    /// The intervals the config accepts (`batch_check_interval_minutes`).
    public static let validIntervals: ClosedRange<Int> = Config.intervalRange

    /// The interval the checker should effectively run at.
    public let intervalMinutes: Int
    /// The five-field cron expression (minute hour day-of-month month day-of-week).
    public let cronExpression: String
    /// How often the scheduler fires; equals `intervalMinutes` unless `needsSkipGate`.
    public let baseCadenceMinutes: Int
    /// Whether `check` must skip firings that come too early (``RunGate``).
    public let needsSkipGate: Bool

    /// The uniform periods cron can express: they line up with the hour or with the day.
    static let uniformCadences: [Int] = {
        let minuteField = (1...60).filter { 60 % $0 == 0 }
        let hourField = (1...24).filter { 24 % $0 == 0 }.map { $0 * 60 }
        return Array(Set(minuteField + hourField)).sorted()
    }()

    /// The plan for an interval in ``validIntervals`` (callers validate user input first with
    /// ``validate(intervalMinutes:)``; an out-of-range value here is a programming error).
    public static func forInterval(_ minutes: Int) -> SchedulePlan {
        precondition(validIntervals.contains(minutes), "interval \(minutes) is outside \(validIntervals)")
        let base = baseCadence(forInterval: minutes)
        return SchedulePlan(intervalMinutes: minutes, cronExpression: cronExpression(everyMinutes: base),
                            baseCadenceMinutes: base, needsSkipGate: base != minutes)
    }

    /// The largest uniform cadence dividing `minutes` (1 always does).
    static func baseCadence(forInterval minutes: Int) -> Int {
        uniformCadences.last { minutes % $0 == 0 }!
    }

    /// Throws ``ScheduleError/intervalOutOfRange(_:)`` unless `intervalMinutes` is 5...1440.
    public static func validate(intervalMinutes: Int) throws {
        guard validIntervals.contains(intervalMinutes) else { throw ScheduleError.intervalOutOfRange(intervalMinutes) }
    }

    /// The cron expression for a uniform cadence (one of `uniformCadences`).
    static func cronExpression(everyMinutes cadence: Int) -> String {
        switch cadence {
        case 1: return "* * * * *"
        case 2..<60: return "*/\(cadence) * * * *"
        case 60: return "0 * * * *"
        case 1440: return "0 0 * * *"
        default: return "0 */\(cadence / 60) * * *"
        }
    }

    /// How early a firing may come and still count as "one interval later": half the base
    /// cadence. It absorbs start-up jitter and time spent before the run is recorded, while
    /// staying well clear of the previous firing (a whole cadence earlier).
    public var toleranceSeconds: Double { Self.toleranceSeconds(baseCadenceMinutes: baseCadenceMinutes) }

    static func toleranceSeconds(baseCadenceMinutes: Int) -> Double { Double(baseCadenceMinutes) * 30 }

    public var description: String {
        needsSkipGate
            ? "every \(intervalMinutes) min (cron \"\(cronExpression)\" every \(baseCadenceMinutes) min + skip gate)"
            : "every \(intervalMinutes) min (cron \"\(cronExpression)\")"
    }
}
