/// A problem with a legacy file, naming the file and, where there is one, the entry and field.
public enum LegacyFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case invalidJSON(file: String, reason: String)
    case notAnObject(file: String)
    case entryNotAnObject(file: String, entry: String, found: String)
    case wrongFieldType(file: String, entry: String, field: String, expected: String, found: String)
    case invalidTime(file: String, entry: String, field: String, value: String)
    case writeFailed(file: String, reason: String)
    /// Another program kept rewriting the file; nothing was replaced, a later run tries again.
    case busy(file: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): cannot read: \(reason)"
        case .invalidJSON(let file, let reason):
            "\(file): not valid JSON: \(reason)"
        case .notAnObject(let file):
            "\(file): expected a JSON object at the top level"
        case .entryNotAnObject(let file, let entry, let found):
            "\(file): entry \"\(entry)\" must be an object, found \(found)"
        case .wrongFieldType(let file, let entry, let field, let expected, let found):
            "\(file): entry \"\(entry)\": field \"\(field)\" must be \(expected), found \(found)"
        case .invalidTime(let file, let entry, let field, let value):
            "\(file): entry \"\(entry)\": field \"\(field)\" is not an ISO-8601 time: \"\(value)\""
        case .writeFailed(let file, let reason):
            "\(file): cannot write: \(reason)"
        case .busy(let file):
            "\(file): another program kept rewriting the file; not replaced this time, try again"
        }
    }
}
