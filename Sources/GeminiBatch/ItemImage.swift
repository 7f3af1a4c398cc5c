import Foundation

/// One final image of an item: its decoded bytes and the type the service declared (which may be wrong:
/// trust the bytes).
public struct ItemImage: Sendable, Hashable {
    public var data: Data
    public var declaredMimeType: String

    public init(data: Data, declaredMimeType: String) {
        self.data = data
        self.declaredMimeType = declaredMimeType
    }
}
