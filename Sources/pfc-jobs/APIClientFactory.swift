import BatchChecker
import Foundation
import GeminiBatch
import Logging
import PFCConfig

/// The Gemini client for commands that call the API, with the key found the documented way.
enum APIClientFactory {
    static func apiKey(config: Config) -> String? {
        APIKeyLocator.find(environment: ProcessInfo.processInfo.environment, configFile: config.sourceFile,
                           currentDirectory: FileManager.default.currentDirectoryPath)
    }

    static func client(config: Config, key: String, logger: Logger? = nil) -> GeminiBatchClient {
        let configuration = GeminiClientConfiguration(config: config)
        // The folder must exist before the first answer streams into it; a failure shows as that call's error.
        try? FileManager.default.createDirectory(at: config.paths.downloadFolder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        return GeminiBatchClient(apiKey: APIKey(key), configuration: configuration, logger: logger)
    }

    /// The client, or exit 1 with one clear line when no key is configured.
    static func requireClient(config: Config) throws -> GeminiBatchClient {
        guard let key = apiKey(config: config) else {
            throw CommandFailure.runtime("GEMINI_API_KEY is not set (environment, or a .env file beside the config file or in the current folder)")
        }
        return client(config: config, key: key)
    }
}
