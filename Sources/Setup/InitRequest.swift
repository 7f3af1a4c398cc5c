import Foundation
import Scheduling

/// What `pfc-jobs init` was asked to do: the flags, plus where and as whom it runs.
///
/// ```swift
/// var request = InitRequest(configFile: URL(fileURLWithPath: "/home/me/pfc/config.json"))
/// request.intervalMinutes = 45
/// try FirstRunSetup(request: request).run { print($0) }
/// ```
public struct InitRequest: Sendable {
    /// The config.json to write, or to read and keep when it exists. Absolute.
    public var configFile: URL
    /// `--images-root`; kept as typed when it starts with `~`, else made absolute.
    public var imagesRoot: String?
    /// `--interval`.
    public var intervalMinutes: Int?
    /// `--enable` / `--disable`.
    public var enabled: Bool?
    /// `--api-key-from-env`: GEMINI_API_KEY must be set and goes into `.env`, also an existing one without a key.
    public var apiKeyFromEnvironment = false
    /// `--db`: the job database instead of the config's `jobs_database` (not written to the config).
    public var databaseFile: URL?
    /// False with `--no-schedule`.
    public var installSchedule = true
    public var environment: [String: String]
    public var currentDirectory: String
    /// The binary the schedule runs.
    public var executablePath: String
    /// Whose crontab the schedule goes into.
    public var crontab: CrontabClient

    public init(configFile: URL, environment: [String: String] = ProcessInfo.processInfo.environment,
                currentDirectory: String = FileManager.default.currentDirectoryPath,
                executablePath: String = ExecutableLocator.currentExecutablePath(),
                crontab: CrontabClient = CrontabClient()) {
        self.configFile = configFile
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.executablePath = executablePath
        self.crontab = crontab
    }

    var home: String { environment["HOME"] ?? NSHomeDirectory() }
}
