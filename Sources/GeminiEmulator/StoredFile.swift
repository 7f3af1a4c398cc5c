import Foundation
import OrderedJSON

/// A file finalized through the resumable upload (`files/<id>`): its bytes on disk in the work folder, and the
/// File resource `GET files/{id}` and the upload's final answer describe. Uploaded files are ACTIVE at once
/// (a JSONL input needs no processing) and expire 48 hours after creation, as on the real service.
struct StoredFile: Sendable {
    let id: String
    var name: String { "files/" + id }
    let displayName: String?
    let mimeType: String
    let sizeBytes: Int64
    /// Hex SHA-256 of the bytes received, for tests (`GET /_emulator/files/{id}`).
    let sha256: String
    let url: URL
    let createTime: Date
    /// `scheme://host` the upload was started on, for `uri`.
    let origin: String

    static let lifetime: TimeInterval = 48 * 3600

    /// The File resource, as the real service shows it.
    var resource: JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(name))]
        if let displayName { members.append(("displayName", .string(displayName))) }
        members += [
            ("mimeType", .string(mimeType)), ("sizeBytes", .string(String(sizeBytes))),
            ("createTime", .string(Timestamp.format(createTime))), ("updateTime", .string(Timestamp.format(createTime))),
            ("expirationTime", .string(Timestamp.format(createTime.addingTimeInterval(Self.lifetime)))),
            ("sha256Hash", .string(Self.base64(hex: sha256))), ("uri", .string("\(origin)/v1beta/\(name)")),
            ("state", .string("ACTIVE")), ("source", .string("UPLOADED")),
        ]
        return .object(JSONObject(members))
    }

    /// The control view: the resource plus the hex digest of what arrived.
    var controlRecord: JSONValue {
        guard case .object(var object) = resource else { return resource }
        object["sha256"] = .string(sha256)
        return .object(object)
    }

    /// proto-JSON `bytes`: the digest's bytes in base64.
    private static func base64(hex: String) -> String {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), index != hex.endIndex {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return Data(bytes).base64EncodedString()
    }
}
