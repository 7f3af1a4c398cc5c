/// One finished run of a child process: exit status and what it printed.
public struct CommandRun: Sendable {
    public var arguments: [String]
    public var status: Int32
    /// True when the process was killed with a signal (the test's SIGKILL, or a crash).
    public var wasSignalled: Bool
    public var stdout: String
    public var stderr: String

    public init(arguments: [String], status: Int32, wasSignalled: Bool, stdout: String, stderr: String) {
        self.arguments = arguments
        self.status = status
        self.wasSignalled = wasSignalled
        self.stdout = stdout
        self.stderr = stderr
    }

    public var summary: String { "pfc-jobs \(arguments.joined(separator: " ")) -> \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}
