import Foundation
import GeminiBatch
import JobStore
import Logging
import PFCConfig

/// What the MCP tools work with: the loaded config, the open job database, the log, and a way to get an API
/// client. The client is made per call, so a key added to `.env` after the server started is used by the next
/// call, and a missing key is a tool error with the CLI's sentence rather than a server that will not start.
///
/// ```swift
/// let context = JobToolContext(config: config, store: store, logger: logger) {
///     try makeClient()   // the CLI's APIClientFactory: throws "GEMINI_API_KEY is not set (...)" without a key
/// }
/// ```
public struct JobToolContext: Sendable {
    public var config: Config
    public var store: JobStore
    /// Where the server's lines go (the log file, and stderr): never stdout, which carries the protocol.
    public var logger: Logger
    public var makeClient: @Sendable () throws -> GeminiBatchClient
    public var clock: @Sendable () -> Date

    public init(config: Config, store: JobStore, logger: Logger, clock: @escaping @Sendable () -> Date = { Date() },
                makeClient: @escaping @Sendable () throws -> GeminiBatchClient) {
        self.config = config
        self.store = store
        self.logger = logger
        self.clock = clock
        self.makeClient = makeClient
    }

    var paths: RootLayout { config.paths }

    /// Where relative reference image paths start: the config file's folder (an MCP client starts the server
    /// in a folder of its own choosing), else the current folder.
    var baseFolder: URL {
        config.sourceFile?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    }
}
