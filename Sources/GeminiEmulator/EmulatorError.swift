import Foundation

/// Errors of the emulator's own API (configuration, control requests), never of the emulated service.
public enum EmulatorError: Error, Equatable, CustomStringConvertible {
    case invalidArgument(String)
    case ioFailure(String)

    public var description: String {
        switch self {
        case .invalidArgument(let message): return message
        case .ioFailure(let message): return message
        }
    }
}
