import CCurl
import Dispatch
import Foundation
import Synchronization

// curl_global_init is not thread-safe; a global's initialiser runs exactly once, under swift_once.
private let curlGlobalInitResult: CURLcode = pfc_curl_global_init_all()

/// Runs blocking libcurl transfers on its own threads, never on Swift's cooperative pool.
///
/// Each worker thread owns one easy handle for its whole life; reusing the handle keeps its connection
/// cache, so keep-alive connections are reused across calls. The worker count bounds transfers in flight.
final class CurlWorkerPool: Sendable {
    typealias Job = @Sendable (UnsafeMutableRawPointer) -> Void

    private let queue: JobQueue
    let workerCount: Int

    init(workerCount: Int) {
        _ = curlGlobalInitResult
        self.workerCount = max(1, workerCount)
        queue = JobQueue()
        for index in 0..<self.workerCount {
            let queue = self.queue
            let thread = Thread {
                guard let handle = curl_easy_init() else { return }
                while let job = queue.take() {
                    curl_easy_reset(handle)
                    job(handle)
                }
                curl_easy_cleanup(handle)
            }
            thread.name = "gemini-curl-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    deinit {
        queue.close()
    }

    /// Runs `transfer` on a worker thread and resumes the caller with its result.
    func perform(_ transfer: HTTPTransfer, settings: TransportSettings) async -> Result<HTTPResponse, TransferFailure> {
        await withCheckedContinuation { continuation in
            let accepted = queue.put { handle in
                continuation.resume(returning: CurlTransfer.run(transfer, settings: settings, on: handle))
            }
            if !accepted {
                continuation.resume(returning: .failure(
                    TransferFailure(curlCode: -1, message: "client was shut down", requestSent: false)))
            }
        }
    }
}

/// FIFO of jobs for the worker threads: a mutex-guarded array plus a counting semaphore to sleep on.
private final class JobQueue: Sendable {
    private struct State {
        var jobs: [CurlWorkerPool.Job] = []
        var head = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)

    func put(_ job: @escaping CurlWorkerPool.Job) -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// Blocks until a job is available; nil once the queue is closed and drained.
    func take() -> CurlWorkerPool.Job? {
        while true {
            let next = state.withLock { state -> (job: CurlWorkerPool.Job?, finished: Bool) in
                if state.head < state.jobs.count {
                    let job = state.jobs[state.head]
                    state.head += 1
                    if state.head > 64, state.head * 2 > state.jobs.count {
                        state.jobs.removeFirst(state.head)
                        state.head = 0
                    }
                    return (job, false)
                }
                return (nil, state.closed)
            }
            if let job = next.job { return job }
            if next.finished {
                available.signal()  // wake the next sleeping worker so it can exit too
                return nil
            }
            available.wait()
        }
    }

    func close() {
        state.withLock { $0.closed = true }
        available.signal()
    }
}
