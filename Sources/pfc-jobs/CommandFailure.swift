import ArgumentParser
import Foundation

/// A failure a command reports to the user: one clear line on stderr and the documented exit code.
enum CommandFailure: Error, CustomStringConvertible {
    /// Bad config, bad arguments, bad input file: exit 2.
    case configuration(String)
    /// The work could not be done: exit 1.
    case runtime(String)

    var description: String {
        switch self {
        case .configuration(let message), .runtime(let message): message
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .configuration: .usageOrConfiguration
        case .runtime: .runtimeFailure
        }
    }
}

extension ParsableCommand {
    /// Runs `body`, turning a ``CommandFailure`` into its message on stderr and its exit code.
    func reportingFailures<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            let failure = ErrorMapping.failure(for: error)
            FileHandle.standardError.write(Data("pfc-jobs: error: \(failure.description)\n".utf8))
            throw failure.exitCode
        }
    }
}
