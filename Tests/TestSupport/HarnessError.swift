/// A helper that gave up: a child process or server outlived its bound, or answered what the test cannot use.
public enum HarnessError: Error, CustomStringConvertible {
    case timeout(String)
    case failed(String)

    public var description: String {
        switch self {
        case .timeout(let text), .failed(let text): text
        }
    }
}
