import Foundation
import GeminiEmulator
import JobStore
import PFCConfig

/// The emulator in this process on a loopback port, and a throwaway installation pointed at it: a config for a
/// fresh images root, its SQLite job database and its downloads folder. Real HTTP, a real SQLite file and real
/// image files; the in-process checker tests and the MCP tests build on it.
public struct EmulatedInstallation: Sendable {
    public let server: EmulatorServer
    public let port: UInt16
    public let root: URL
    public let config: Config
    public let store: JobStore

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    public var control: EmulatorControl { EmulatorControl(baseURL: baseURL) }

    /// Starts an emulator that accepts `key` (32x32 images, done after one poll, unless `emulator` says
    /// otherwise) and makes the installation under a new folder named after `prefix`; `config` may change the
    /// config before the database is opened.
    public static func start(_ prefix: String, key: String, emulator: (inout EmulatorConfiguration) -> Void = { _ in },
                             config change: (inout Config) -> Void = { _ in }) async throws -> EmulatedInstallation {
        var settings = EmulatorConfiguration(apiKey: key)
        settings.pollsUntilDone = 1
        settings.imageWidth = 32
        settings.imageHeight = 32
        emulator(&settings)
        let server = EmulatorServer(configuration: settings)
        let port = try await server.start()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        do {
            var config = Config.defaults(home: root.path)
            config.imagesRoot = root
            config.geminiAPIBaseURL = "http://127.0.0.1:\(port)"
            change(&config)
            let store = try JobStore(path: config.paths.database.path)
            try FileManager.default.createDirectory(at: config.paths.downloadFolder, withIntermediateDirectories: true)
            return EmulatedInstallation(server: server, port: port, root: root, config: config, store: store)
        } catch {
            await server.stop()
            try? FileManager.default.removeItem(at: root)
            throw error
        }
    }

    /// Stops the emulator and removes the folder.
    public func stop() async {
        await server.stop()
        try? FileManager.default.removeItem(at: root)
    }
}
