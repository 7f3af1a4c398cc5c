/// Image container formats recognised by their first bytes (never by file name).
///
/// ```swift
/// ImageFormat.sniff([0xFF, 0xD8, 0xFF, 0xE0])   // .jpeg
/// ```
public enum ImageFormat: String, Sendable, Equatable {
    case png, jpeg, webp

    /// The format whose magic bytes start `bytes`, or nil.
    public static func sniff<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> ImageFormat? {
        let head = Array(bytes.prefix(12))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.count == 12, head[0..<4].elementsEqual("RIFF".utf8), head[8..<12].elementsEqual("WEBP".utf8) { return .webp }
        return nil
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        case .webp: "webp"
        }
    }
}
