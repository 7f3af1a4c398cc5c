/// A configuration problem, naming the file and key so the user can fix it.
public enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalidJSON(path: String, reason: String)
    case notAnObject(path: String)
    case wrongType(path: String, key: String, expected: String, found: String)
    case outOfRange(path: String, key: String, value: String, allowed: String)
    case missingFile(path: String, source: String)
    /// A model id the service has shut down; `notice` names the replacement.
    case retiredModel(path: String, key: String, notice: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): cannot read the config file: \(reason)"
        case .invalidJSON(let path, let reason): "\(path): not valid JSON: \(reason)"
        case .notAnObject(let path): "\(path): the config must be a JSON object"
        case .wrongType(let path, let key, let expected, let found): "\(path): \"\(key)\" must be \(expected), found \(found)"
        case .outOfRange(let path, let key, let value, let allowed): "\(path): \"\(key)\" is \(value), allowed \(allowed)"
        case .missingFile(let path, let source): "\(path): config file not found (from \(source))"
        case .retiredModel(let path, let key, let notice): "\(path): \"\(key)\": \(notice)"
        }
    }
}
