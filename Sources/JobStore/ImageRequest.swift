/// An item the checker found in a batch, registered with
/// ``JobStore/upsertPendingImages(_:_:now:)`` before any file is written.
///
/// ```swift
/// try store.upsertPendingImages(claim, [ImageRequest(key: "req_0", index: 0)])
/// ```
public struct ImageRequest: Sendable, Hashable {
    public var key: String
    public var index: Int

    public init(key: String, index: Int) {
        self.key = key
        self.index = index
    }
}
