import Foundation

/// Runs blocking work (file I/O, image codecs, SQLite) on a thread of its own, so it never holds one
/// of the two threads of the Swift concurrency pool that network calls need.
enum BlockingWork {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = "pfc-jobs-retrieval"
            thread.start()
        }
    }
}

/// A fixed set of worker threads with a bounded hand-over: `submit` blocks while `limit` items are
/// in flight, so a producer reading a large responses file holds at most that many images in memory.
final class BoundedWorkers: @unchecked Sendable {
    // @unchecked Sendable: `queue` and `stopping` are only touched while holding `condition`.
    private let condition = NSCondition()
    private var queue: [@Sendable () -> Void] = []
    private var inFlight = 0
    private var stopping = false
    private let limit: Int
    private let done = DispatchGroup()

    init(workers: Int, limit: Int) {
        self.limit = max(1, limit)
        for index in 0..<max(1, workers) {
            done.enter()
            let thread = Thread { [self] in
                while let work = self.take() {
                    work()
                    self.condition.lock()
                    self.inFlight -= 1
                    self.condition.broadcast()
                    self.condition.unlock()
                }
                self.done.leave()
            }
            thread.name = "pfc-jobs-image-\(index)"
            thread.start()
        }
    }

    /// Hands `work` to a worker, waiting while the limit is reached.
    func submit(_ work: @escaping @Sendable () -> Void) {
        condition.lock()
        while inFlight >= limit { condition.wait() }
        inFlight += 1
        queue.append(work)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for every submitted item, then stops the workers.
    func finish() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        done.wait()
    }

    private func take() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, !stopping { condition.wait() }
        if queue.isEmpty { return nil }
        return queue.removeFirst()
    }
}
