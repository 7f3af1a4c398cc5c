import Foundation

/// Page tokens of the emulator's list calls: the offset of the next page, base64 of `offset:N` (opaque to
/// clients, as the real ones are).
enum OffsetPageToken {
    static func encode(_ offset: Int) -> String {
        Data("offset:\(offset)".utf8).base64EncodedString()
    }

    /// 0 for no token; an unreadable token is 400 INVALID_ARGUMENT.
    static func decode(_ token: String?) throws -> Int {
        guard let token, !token.isEmpty else { return 0 }
        guard let decoded = Data(base64Encoded: token).flatMap({ String(data: $0, encoding: .utf8) }),
              decoded.hasPrefix("offset:"), let offset = Int(decoded.dropFirst("offset:".count)), offset >= 0 else {
            throw EmulatorError.invalidArgument("Invalid page token.")
        }
        return offset
    }
}
