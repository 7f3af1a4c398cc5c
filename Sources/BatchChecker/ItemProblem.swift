/// Why one item of a batch gave no image: its request key and the reason (blocked, no image, corrupt bytes).
public struct ItemProblem: Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var reason: String

    public var description: String { "\(key): \(reason)" }
}
