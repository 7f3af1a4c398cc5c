import Foundation

/// A file on the Files API (`files/<id>`): a batch's uploaded JSONL input, as the final answer of an upload or
/// `GET files/{id}` describes it. Uploaded files are kept 48 hours and cannot be downloaded again.
///
/// ```swift
/// let file = try await client.uploadFile(input.file.url, name: "files/pfc-1a2b", displayName: displayName)
/// file.name    // "files/pfc-1a2b"
/// file.state   // .active: a batch can be created from it
/// ```
public struct RemoteFile: Sendable, Hashable {
    /// The processing state of an uploaded file.
    public enum State: Sendable, Hashable {
        case processing
        case active
        case failed
        /// A state this client does not know, kept verbatim.
        case other(String)

        init(wire: String?) {
            switch wire {
            case "PROCESSING": self = .processing
            case "ACTIVE": self = .active
            case "FAILED": self = .failed
            default: self = .other(wire ?? "STATE_UNSPECIFIED")
            }
        }
    }

    public var name: String
    public var displayName: String?
    public var mimeType: String?
    public var sizeBytes: Int64?
    public var state: State
    public var uri: String?
    public var createTime: Date?
    public var expirationTime: Date?
    /// Why processing failed (state FAILED).
    public var error: RPCStatus?

    public init(name: String, displayName: String? = nil, mimeType: String? = nil, sizeBytes: Int64? = nil,
                state: State = .active, uri: String? = nil, createTime: Date? = nil, expirationTime: Date? = nil,
                error: RPCStatus? = nil) {
        self.name = name
        self.displayName = displayName
        self.mimeType = mimeType
        self.sizeBytes = sizeBytes
        self.state = state
        self.uri = uri
        self.createTime = createTime
        self.expirationTime = expirationTime
        self.error = error
    }

    /// Reads a File resource, bare (`GET files/{id}`) or wrapped as `{"file": {...}}` (the upload's final answer).
    static func parse(_ data: Data, cleaner: ServiceText) throws(GeminiError) -> RemoteFile {
        let outer = try BatchParser.jsonObject(data, what: "file")
        let object = outer["file"] as? [String: Any] ?? outer
        guard let name = BatchParser.string(object, "name"), name.hasPrefix("files/") else {
            throw .invalidResponse("the file answer carries no files/ name")
        }
        return RemoteFile(
            name: name,
            displayName: BatchParser.string(object, "displayName", "display_name").map(cleaner.clean),
            mimeType: BatchParser.string(object, "mimeType", "mime_type"),
            sizeBytes: BatchParser.int(object, "sizeBytes", "size_bytes").map(Int64.init),
            state: State(wire: BatchParser.string(object, "state")),
            uri: BatchParser.string(object, "uri"),
            createTime: BatchParser.string(object, "createTime", "create_time").flatMap(BatchParser.parseTimestamp),
            expirationTime: BatchParser.string(object, "expirationTime", "expiration_time").flatMap(BatchParser.parseTimestamp),
            error: (object["error"] as? [String: Any]).map { cleaner.clean(BatchParser.rpcStatus(fromObject: $0)) })
    }
}
