import Foundation

/// The time commands act at. Tests move it forward with the hidden environment variable
/// `PFC_JOBS_CLOCK_OFFSET_SECONDS` (like the hidden `--crontab-program` option), so a crash test does not wait
/// for real leases to expire nor a fault test for real backoffs to pass. Unset, it is the wall clock.
enum CommandClock {
    static let offsetVariable = "PFC_JOBS_CLOCK_OFFSET_SECONDS"

    static let offset: Double = {
        guard let text = ProcessInfo.processInfo.environment[offsetVariable], let seconds = Double(text),
              seconds.isFinite else { return 0 }
        return seconds
    }()

    static var now: Date { Date().addingTimeInterval(offset) }

    static let function: @Sendable () -> Date = { now }
}
