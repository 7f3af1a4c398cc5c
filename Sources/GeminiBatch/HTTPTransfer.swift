import Foundation

/// One HTTP exchange as the transport sees it. Internal: it carries the key header, so it is never printed.
struct HTTPTransfer: Sendable {
    enum Method: String, Sendable { case get = "GET", post = "POST", delete = "DELETE" }
    enum Destination: Sendable {
        case memory
        /// Body of a 2xx answer streamed to this file (created or truncated); error bodies stay in memory.
        case file(URL)
    }

    var method: Method
    var url: String
    /// Path and query only, for log lines.
    var loggablePath: String
    var headers: [String]
    var body: Data?
    /// A POST body read from this part of a file while it is sent (an upload chunk), instead of `body`.
    var bodyFile: FileRange?
    var destination: Destination = .memory
    var totalTimeout: Double
    /// Forces a new connection. Used for creates: on a reused connection that turns out dead, curl resends the
    /// request by itself, and a create must never be sent twice behind our back.
    var freshConnection = false
    /// The most body bytes accepted (memory or file); past it the transfer is aborted as too large.
    var maxBodyBytes: Int64 = .max
    /// fsync a downloaded file before reporting success (files kept for later; not for scratch answers).
    var syncFile = true
    /// Told (bytes received, bytes announced or 0) as the body arrives.
    var progress: TransferProgress?
}

/// `length` bytes of a file from `offset`: an upload chunk, streamed from disk as curl asks for it.
struct FileRange: Sendable {
    var path: String
    var offset: Int64
    var length: Int64
}

/// (received, expected) body bytes of a transfer under way; expected is 0 while unknown.
public typealias TransferProgress = @Sendable (_ received: Int64, _ expected: Int64) -> Void

struct HTTPResponse: Sendable {
    var status: Int
    /// Lower-cased header names.
    var headers: [String: String]
    /// The body (or, for a file destination, only a non-2xx body).
    var body: Data
    var bytesWrittenToFile: Int64
}

struct TransferFailure: Error, Sendable {
    var curlCode: Int
    var message: String
    /// Whether any request bytes went out: a create that failed before this may be retried safely.
    var requestSent: Bool
    /// The body passed `HTTPTransfer.maxBodyBytes`.
    var tooLarge = false
}

/// libcurl options shared by every transfer.
struct TransportSettings: Sendable {
    var connectTimeout: Double
    var lowSpeedLimit: Int
    var lowSpeedTime: Double
    var userAgent: String
}
