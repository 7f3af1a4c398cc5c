import ArgumentParser

/// The documented exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error.
extension ExitCode {
    static let runtimeFailure = ExitCode(1)
    static let usageOrConfiguration = ExitCode(2)
}
