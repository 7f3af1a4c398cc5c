import CCurl
import Dispatch
import Foundation
import WorkerThreads

// curl_global_init is not thread-safe; a global's initialiser runs exactly once, under swift_once.
private let curlGlobalInitResult: CURLcode = pfc_curl_global_init_all()

/// Runs blocking libcurl transfers on threads of their own (``WorkerThreads``), never on Swift's cooperative pool.
///
/// Each thread keeps one easy handle for its whole life; reusing the handle keeps its connection cache, so
/// keep-alive connections are reused across calls. The thread count bounds transfers in flight.
final class CurlWorkerPool: Sendable {
    private let threads: WorkerThreads
    let workerCount: Int

    init(workerCount: Int) {
        _ = curlGlobalInitResult
        self.workerCount = max(1, workerCount)
        threads = WorkerThreads(name: "curl", count: self.workerCount)
    }

    /// Runs `transfer` on a worker thread and resumes the caller with its result.
    func perform(_ transfer: HTTPTransfer, settings: TransportSettings) async -> Result<HTTPResponse, TransferFailure> {
        let result = await threads.perform { () -> Result<HTTPResponse, TransferFailure> in
            guard let handle = CurlHandle.forCurrentThread() else {
                return .failure(TransferFailure(curlCode: -1, message: "curl_easy_init failed", requestSent: false))
            }
            curl_easy_reset(handle.pointer)
            return CurlTransfer.run(transfer, settings: settings, on: handle.pointer)
        }
        return result ?? .failure(TransferFailure(curlCode: -1, message: "client was shut down", requestSent: false))
    }
}

/// The easy handle of one worker thread, kept in the thread's dictionary and cleaned up with the thread.
private final class CurlHandle {
    let pointer: UnsafeMutableRawPointer

    private init?() {
        guard let handle = curl_easy_init() else { return nil }
        pointer = handle
    }

    deinit {
        curl_easy_cleanup(pointer)
    }

    private static let key = "pfc-jobs.curl-handle"

    static func forCurrentThread() -> CurlHandle? {
        let dictionary = Thread.current.threadDictionary
        if let handle = dictionary[key] as? CurlHandle { return handle }
        guard let handle = CurlHandle() else { return nil }
        dictionary[key] = handle
        return handle
    }
}
