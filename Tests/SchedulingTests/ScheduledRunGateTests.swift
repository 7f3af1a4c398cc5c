import Foundation
import PFCConfig
import Testing
import Scheduling

/// `check --scheduled`'s decision, as the command asks it: from the config and the last completed run.
@Suite struct ScheduledRunGateTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func config(enabled: Bool = true, interval: Int) -> Config {
        var config = Config.defaults(home: "/h")
        config.batchCheckEnabled = enabled
        config.batchCheckIntervalMinutes = interval
        return config
    }

    struct NoDatabase: Error {}

    @Test func disabledAndExactIntervalsNeedNoDatabase() throws {
        let unreachable: () throws -> Date? = { throw NoDatabase() }
        #expect(try RunGate.scheduledRun(config: config(enabled: false, interval: 45), now: now, lastCompletedRunAt: unreachable) == .disabled)
        #expect(try RunGate.scheduledRun(config: config(interval: 30), now: now, lastCompletedRunAt: unreachable) == .due)
        #expect(try RunGate.scheduledRun(config: config(interval: 1440), now: now, lastCompletedRunAt: unreachable) == .due)
    }

    @Test func aGatedIntervalRunsOnceItHasPassed() throws {
        let gated = config(interval: 45)
        #expect(try RunGate.scheduledRun(config: gated, now: now) { nil } == .due)
        #expect(try RunGate.scheduledRun(config: gated, now: now) { now.addingTimeInterval(-15 * 60) } == .notYet)
        #expect(try RunGate.scheduledRun(config: gated, now: now) { now.addingTimeInterval(-30 * 60) } == .notYet)
        #expect(try RunGate.scheduledRun(config: gated, now: now) { now.addingTimeInterval(-45 * 60 + 20) } == .due)
        // A database error is the run's error, not a silent skip.
        #expect(throws: NoDatabase.self) { try RunGate.scheduledRun(config: gated, now: now) { throw NoDatabase() } }
    }
}
