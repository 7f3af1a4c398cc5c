/// Why the metrics file was not written; the description names the file.
public struct MetricsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "metrics file \(path) not written: \(reason)" }
}
