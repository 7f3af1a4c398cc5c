import ArgumentParser

/// A failure a command words itself (a job in the wrong state, a step that did not happen): one line on
/// stderr and the documented exit code. Library errors need no wrapping: ``ErrorMapping`` words them.
///
/// ```swift
/// let refusal = CommandFailure.configuration("job 'batches/abc' is completed; only a pending job can be cancelled")
/// let failed = CommandFailure.failed("export failed", CocoaError(.fileWriteNoPermission))  // "export failed: …", exit 1
/// print(refusal.exitCode.rawValue, failed)
/// ```
enum CommandFailure: Error, CustomStringConvertible {
    /// Bad config, bad arguments, bad input file: exit 2.
    case configuration(String)
    /// The work could not be done: exit 1.
    case runtime(String)

    /// A step that did not happen, whatever kind of error stopped it: `<step>: <error>`, exit 1.
    static func failed(_ step: String, _ error: any Error) -> CommandFailure {
        .runtime("\(step): \(error)")
    }

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
