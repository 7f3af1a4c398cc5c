import Foundation
import ImageConversion

/// Runs CPU-heavy jobs (decode + encode) on dedicated threads, at most `maxConcurrent` at a time,
/// so both cores work while only that many decoded images are in memory.
///
/// Dedicated threads rather than Swift concurrency: a multi-second libwebp call would block
/// a thread of the small cooperative pool that network and server tasks also need.
///
/// ```swift
/// let results = ParallelConversions.run(sources.map { source in
///     { try ImageConverter.convertToWebP(source: source, destination: webpURL(source), quality: 85) }
/// }, maxConcurrent: 2)
/// for case .failure(let error) in results { log.error("\(error)") }
/// ```
enum ParallelConversions {
    /// Runs every job and returns the results in job order. Blocks the calling thread.
    static func run<Output: Sendable>(_ jobs: [@Sendable () throws -> Output],
                                             maxConcurrent: Int = 2) -> [Result<Output, any Error>] {
        guard !jobs.isEmpty else { return [] }
        let board = ResultBoard<Output>(count: jobs.count)
        let workerCount = max(1, min(maxConcurrent, jobs.count))
        let finished = DispatchGroup()
        for index in 0..<workerCount {
            finished.enter()
            let worker = Thread {
                while let next = board.claimNext() {
                    board.store(Result { try jobs[next]() }, at: next)
                }
                finished.leave()
            }
            worker.name = "image-conversion-\(index)"
            worker.start()
        }
        finished.wait()
        return board.results()
    }

    /// The same as ``run(_:maxConcurrent:)`` without blocking a Swift concurrency thread.
    static func run<Output: Sendable>(_ jobs: [@Sendable () throws -> Output],
                                             maxConcurrent: Int = 2) async -> [Result<Output, any Error>] {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: run(jobs, maxConcurrent: maxConcurrent)) }.start()
        }
    }
}

/// Hands out job indices and collects results across worker threads.
// @unchecked Sendable: every access to `nextIndex` and `slots` happens while holding `lock`.
private final class ResultBoard<Output: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var slots: [Result<Output, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claimNext() -> Int? {
        lock.withLock {
            guard nextIndex < slots.count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func store(_ result: Result<Output, any Error>, at index: Int) {
        lock.withLock { slots[index] = result }
    }

    func results() -> [Result<Output, any Error>] {
        lock.withLock { slots.map { $0! } }
    }
}
