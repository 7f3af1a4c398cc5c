import Foundation
import Logging
import ModelCatalogue

/// Client of the Gemini Batch API (Developer API, key auth) over libcurl.
///
/// ```swift
/// let client = GeminiBatchClient(apiKey: APIKey(key), configuration: .init(baseURL: url), logger: logger)
/// let batch = try await client.createBatch(model: "gemini-2.5-flash-image", displayName: "job-42",
///                                          requests: [BatchRequest(key: "1", prompt: "a lighthouse")])
/// let latest = try await client.getBatch(batch.name)
/// ```
/// Transfers run on the client's own worker threads with reused connections; calls are async and
/// retried per `configuration.retryPolicy`. The key is sent only in the `x-goog-api-key` header.
public final class GeminiBatchClient: Sendable {
    public let configuration: GeminiClientConfiguration
    let apiKey: APIKey
    let logger: Logger?
    let pool: CurlWorkerPool
    let settings: TransportSettings
    /// Cleans every text the service sends before it leaves the client.
    let cleaner: ServiceText

    public init(apiKey: APIKey, configuration: GeminiClientConfiguration = GeminiClientConfiguration(),
                logger: Logger? = nil) {
        self.apiKey = apiKey
        self.configuration = configuration
        self.logger = logger
        cleaner = ServiceText(key: apiKey)
        pool = CurlWorkerPool(workerCount: configuration.maxConcurrentTransfers)
        settings = TransportSettings(connectTimeout: configuration.connectTimeout,
                                     lowSpeedLimit: configuration.lowSpeedLimit,
                                     lowSpeedTime: configuration.lowSpeedTime,
                                     userAgent: configuration.userAgent)
    }

    // MARK: - Paths

    /// `batches/<id>` (a bare id is accepted) → its resource name, refusing anything that could alter the path.
    static func batchResourceName(_ name: String) throws(GeminiError) -> String {
        let id = name.hasPrefix("batches/") ? String(name.dropFirst("batches/".count)) : name
        // "." and ".." would change the path ("batches/." is the list call).
        guard isSafePathSegment(id), !id.contains(".."), id != "." else {
            throw .invalidRequest("not a batch name: '\(ServiceText.escapingControlCharacters(name, limit: 200))'")
        }
        return "batches/\(id)"
    }

    static func fileResourceID(_ name: String) throws(GeminiError) -> String {
        let id = name.hasPrefix("files/") ? String(name.dropFirst("files/".count)) : name
        guard isSafePathSegment(id), !id.contains(".."), id != "." else {
            throw .invalidRequest("not a file name: '\(ServiceText.escapingControlCharacters(name, limit: 200))'")
        }
        return id
    }

    static func modelID(_ model: String) throws(GeminiError) -> String {
        let id = ModelCatalogue.bareID(model)
        guard isSafePathSegment(id), !id.contains(".."), id != "." else {
            throw .invalidRequest("not a model name: '\(ServiceText.escapingControlCharacters(model, limit: 200))'")
        }
        return id
    }

    private static func isSafePathSegment(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    func transfer(_ method: HTTPTransfer.Method, path: String, query: [(String, String)] = [],
                  body: Data? = nil, destination: HTTPTransfer.Destination = .memory) -> HTTPTransfer {
        var pathAndQuery = path
        if !query.isEmpty {
            // Only RFC 3986 unreserved characters stay literal in a query value.
            var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
            allowed.insert(charactersIn: "-._~")
            pathAndQuery += "?" + query.map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
            }.joined(separator: "&")
        }
        var headers = ["x-goog-api-key: \(apiKey.rawValue)", "Expect:"]
        if case .memory = destination { headers.append("Accept: application/json") }
        if body != nil { headers.append("Content-Type: application/json") }
        let isDownload: Bool
        if case .file = destination { isDownload = true } else { isDownload = false }
        var transfer = HTTPTransfer(method: method, url: configuration.baseURL + pathAndQuery, loggablePath: pathAndQuery,
                                    headers: headers, body: body, destination: destination,
                                    totalTimeout: isDownload ? configuration.downloadTimeout : configuration.requestTimeout)
        transfer.maxBodyBytes = isDownload ? configuration.maxDownloadBytes : Int64(configuration.maxAnswerBytes)
        return transfer
    }

    var versionPath: String { "/" + configuration.apiVersion }
}
