import Foundation

/// A fixed set of threads of its own for blocking work (libcurl transfers, SQLite writes, image codecs, file
/// reads), so such work never holds one of the few threads of Swift's cooperative pool that async code needs.
/// The one threading primitive of pfc-jobs.
///
/// ```swift
/// let images = WorkerThreads(name: "image", count: 2, backlog: 2)
/// images.submit { convert(item) }                 // blocks while 2 items wait or run: memory stays flat
/// let rows = try await database.run { try store.images(jobID: id) }   // from async code
/// images.finish()                                 // waits for what was submitted, then stops the threads
/// ```
/// Jobs run in submission order on whichever thread is free. `backlog` bounds the jobs waiting or running
/// that `submit` hands over (a producer reading a large batch holds at most that many items); `run` never
/// waits for room, since it is called from async code that must not block.
public final class WorkerThreads: Sendable {
    public typealias Job = @Sendable () -> Void

    private let queue: JobQueue
    public let count: Int

    public init(name: String, count: Int, backlog: Int = .max) {
        self.count = max(1, count)
        // The threads hold the queue, not the pool, so dropping the pool stops them.
        let queue = JobQueue(backlog: max(1, backlog))
        self.queue = queue
        for index in 0..<self.count {
            queue.stopped.enter()
            let thread = Thread {
                while let job = queue.take() {
                    job()
                    queue.done()
                }
                queue.stopped.leave()
            }
            thread.name = "pfc-jobs-\(name)-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    deinit {
        queue.stop()
    }

    /// Hands `job` to a thread, waiting while `backlog` jobs are waiting or running. False once finished.
    @discardableResult
    public func submit(_ job: @escaping Job) -> Bool {
        queue.put(job, waitForRoom: true)
    }

    /// Runs `body` on one of the threads and resumes the caller with its result.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = queue.put({ continuation.resume(with: Result { try body() }) }, waitForRoom: false)
            if !accepted { continuation.resume(throwing: WorkerThreadsStopped()) }
        }
    }

    /// `run` for work that cannot fail; nil when the pool was finished already.
    public func perform<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T? {
        await withCheckedContinuation { continuation in
            let accepted = queue.put({ continuation.resume(returning: body()) }, waitForRoom: false)
            if !accepted { continuation.resume(returning: nil) }
        }
    }

    /// Lets the threads finish what was submitted, then stops them; waits for that.
    public func finish() {
        queue.stop()
        queue.stopped.wait()
    }
}

/// The jobs waiting for a thread, guarded by one condition variable.
private final class JobQueue: @unchecked Sendable {
    // @unchecked Sendable: `jobs`, `head`, `inFlight` and `stopping` are only touched while holding `condition`.
    private let condition = NSCondition()
    /// Taken slots are cleared at once: a job's closure (and what it holds, a downloaded file, say) must go
    /// when the job is done, not when the array is next compacted.
    private var jobs: [WorkerThreads.Job?] = []
    private var head = 0
    private var inFlight = 0
    private var stopping = false
    private let backlog: Int
    let stopped = DispatchGroup()

    init(backlog: Int) {
        self.backlog = backlog
    }

    func put(_ job: @escaping WorkerThreads.Job, waitForRoom: Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waitForRoom, inFlight >= backlog, !stopping { condition.wait() }
        guard !stopping else { return false }
        inFlight += 1
        jobs.append(job)
        condition.broadcast()
        return true
    }

    /// The next job; nil once stopping and drained.
    func take() -> WorkerThreads.Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count, !stopping { condition.wait() }
        guard head < jobs.count, let job = jobs[head] else { return nil }
        jobs[head] = nil
        head += 1
        if head > 64, head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    func done() {
        condition.lock()
        inFlight -= 1
        condition.broadcast()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The pool was finished before the work could be handed to it.
public struct WorkerThreadsStopped: Error, CustomStringConvertible {
    public var description: String { "worker threads were stopped" }
}
