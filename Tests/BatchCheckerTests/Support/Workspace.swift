import Foundation
import JobStore
import TestSupport

/// A fresh temporary installation: a config file, an images root, and the environment a cron run
/// would get. Every `pfc-jobs` call is a real process working on the real database and folders: the
/// default SQLite file, or (backend `.postgresql`) a fresh database on the test server named by `jobs_database`.
struct Workspace: Sendable {
    static let apiKey = "checker-test-key-\(UInt32.random(in: 0...UInt32.max))"

    let root: URL
    var imagesRoot: URL { root.appendingPathComponent("images") }
    var configFile: URL { root.appendingPathComponent("config.json") }
    var metadataFolder: URL { imagesRoot.appendingPathComponent("metadata") }
    var trackingFile: URL { metadataFolder.appendingPathComponent("batch_jobs_tracking.json") }
    var batchMetadataFolder: URL { metadataFolder.appendingPathComponent("batch_metadata") }
    var logFile: URL { metadataFolder.appendingPathComponent("logs/batch_checker.log") }
    /// The default SQLite file (unused on PostgreSQL).
    var databasePath: String { metadataFolder.appendingPathComponent("jobs.sqlite3").path }
    /// The PostgreSQL test database; nil on SQLite, where the installation's default file is used.
    let database: TestDatabase?
    /// What `JobStore(path:)` opens: the SQLite file or the PostgreSQL URL.
    var databaseLocation: String { database?.location ?? databasePath }
    var originalFolder: URL { imagesRoot.appendingPathComponent("original") }
    var webpFolder: URL { imagesRoot.appendingPathComponent("webp") }
    var jsonFolder: URL { imagesRoot.appendingPathComponent("json") }

    init(_ name: String, backend: TestBackend = .sqlite) throws {
        database = backend == .postgresql ? try TestDatabase(.postgresql) : nil
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("pfc-checker-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// What cron gives a run: a HOME, a PATH, and (unless told otherwise) the key.
    func environment(withKey: Bool = true) -> [String: String] {
        var environment = ["HOME": root.path, "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"]
        if withKey { environment["GEMINI_API_KEY"] = Self.apiKey }
        return environment
    }

    /// Writes config.json: the images root, the emulator's URL, the PostgreSQL database when there is one,
    /// and the given pfc-jobs keys.
    func writeConfig(emulator: EmulatorProcess?, _ extra: [String: Any] = [:]) throws {
        var object: [String: Any] = ["generated_images_path": imagesRoot.path, "poll_interval_seconds": 0,
                                     "debug": false, "wordpress": ["site": "kept, not ours"]]
        if let emulator { object["gemini_api_base_url"] = emulator.baseURL }
        if let database { object["jobs_database"] = database.location }
        for (key, value) in extra { object[key] = value }
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: configFile)
    }

    /// Starts `pfc-jobs <arguments> --config <file>` without waiting. `clockOffset` moves the run's clock forward
    /// (the hidden `PFC_JOBS_CLOCK_OFFSET_SECONDS`): leases expire and backoffs pass without waiting for them.
    func start(_ arguments: [String], withKey: Bool = true, clockOffset: Double? = nil) throws -> ChildProcess {
        var environment = environment(withKey: withKey)
        if let clockOffset { environment["PFC_JOBS_CLOCK_OFFSET_SECONDS"] = String(clockOffset) }
        return try ChildProcess(executable: Executables.pfcJobs, arguments: arguments + ["--config", configFile.path],
                                environment: environment, directory: root, logFolder: root)
    }

    /// Runs `pfc-jobs <arguments>` to its end (bounded).
    func run(_ arguments: [String], withKey: Bool = true, clockOffset: Double? = nil,
             timeout: Duration = .seconds(120)) async throws -> CommandRun {
        try await start(arguments, withKey: withKey, clockOffset: clockOffset).wait(timeout: timeout)
    }

    /// Writes a tracking file in the legacy layout: one pending entry per id, as the old submitter wrote it.
    func writeLegacyTrackingFile(ids: [String], submittedAt: String = "2026-02-07T21:00:00.123456") throws {
        try LegacyFiles.writeTrackingFile(trackingFile, ids: ids, submittedAt: submittedAt)
    }

    /// The legacy per-job request file, at `batch_metadata/` + id + `.json` (a subfolder for `batches/...`).
    func writeLegacyRequest(id: String, _ fields: [String: Any]) throws {
        try LegacyFiles.writeRequest(in: batchMetadataFolder, id: id, fields)
    }

    func openStore() throws -> JobStore { try JobStore(path: databaseLocation) }

    func files(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// Hidden files (every atomic writer's temporary names start with a dot) left in the image folders.
    func temporaryLeftovers() -> [String] {
        [originalFolder, webpFolder, jsonFolder].flatMap { folder in
            files(in: folder).filter { $0.hasPrefix(".") }.map { folder.lastPathComponent + "/" + $0 }
        }
    }

    func logText() -> String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    func jsonObject(at url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }
}

/// Runs `body` with a fresh workspace (on `backend`) and emulator, and always stops the emulator and removes
/// the folder (and the PostgreSQL database, dropped with the workspace's ``TestDatabase``).
func withCheckerSetup<T>(_ name: String, backend: TestBackend = .sqlite,
                         emulatorArguments: [String] = ["--image-size", "32x32", "--polls-until-done", "1"],
                         _ body: (Workspace, EmulatorProcess) async throws -> T) async throws -> T {
    let workspace = try Workspace(name, backend: backend)
    let emulator: EmulatorProcess
    do {
        emulator = try await EmulatorProcess(workspace: workspace, arguments: emulatorArguments)
    } catch {
        workspace.remove()
        throw error
    }
    defer {
        emulator.stop()
        workspace.remove()
    }
    return try await body(workspace, emulator)
}

/// Lines of a log that report an error, or mention SQLite contention.
func troubleLines(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter {
        $0.contains("[ERROR]") || $0.localizedCaseInsensitiveContains("busy") || $0.localizedCaseInsensitiveContains("locked")
    }
}
