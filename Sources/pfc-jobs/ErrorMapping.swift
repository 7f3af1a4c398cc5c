import Housekeeping
import JobStore
import LegacyFormat
import PFCConfig
import Scheduling
import Setup
import Submission

/// The CLI's one error boundary: every error a command throws becomes, here and only here, the line the user
/// sees and the documented exit code (2 for bad input or configuration, 1 for work that could not be done).
/// Commands just `throw`; `PFCJobs.main` calls this once.
///
/// ```swift
/// let failure = ErrorMapping.failure(for: ConfigError.notAnObject(path: "/home/me/config.json"))
/// print(failure.exitCode.rawValue, failure)   // 2 /home/me/config.json: the config must be a JSON object
/// ```
enum ErrorMapping {
    static func failure(for error: any Error) -> CommandFailure {
        switch error {
        case let failure as CommandFailure: failure
        case let error as ConfigError: .configuration(error.description)
        case let error as ConfigFileEditorError: .configuration(error.description)
        case let error as JobStoreError: jobStore(error)
        case let error as ScheduleError: schedule(error)
        case let error as SetupError: setup(error)
        case let error as LegacyFormatError:
            // Another program busy with the file is no fault of the file: try again (1). Otherwise the file is bad input.
            error.isAnotherWriterAtWork ? .runtime(error.description) : .configuration(error.description)
        case SubmitError.invalidInput(let reason): .configuration(reason)
        case HousekeepingError.invalidInput(let reason): .configuration(reason)
        case let error as CustomStringConvertible: .runtime(error.description)
        default: .runtime("\(error)")
        }
    }

    private static func jobStore(_ error: JobStoreError) -> CommandFailure {
        switch error {
        case .retryRequiresForce: .configuration(error.description)
        default: .runtime(error.description)
        }
    }

    private static func schedule(_ error: ScheduleError) -> CommandFailure {
        switch error {
        case .intervalOutOfRange, .pathNotAbsolute, .pathUnusableInSchedule, .conflictingTargets, .noConfigFile:
            .configuration(error.description)
        case .crontabFailed, .crontabNotFound, .unitFileFailed:
            .runtime(error.description)
        }
    }

    private static func setup(_ error: SetupError) -> CommandFailure {
        switch error {
        case .apiKeyNotInEnvironment, .invalidAnswer: .configuration(error.description)
        case .cannotWrite: .runtime(error.description)
        }
    }
}
