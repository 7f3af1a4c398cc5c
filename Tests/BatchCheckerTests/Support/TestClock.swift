import Foundation
import Synchronization

/// A time the test sets: the checker and the store see it instead of the wall clock, so a day of backoff
/// passes in a moment and no test waits on a real lease or backoff.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date()) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }
    func advance(by seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var function: @Sendable () -> Date { { self.now } }
}
