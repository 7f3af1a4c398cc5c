import Foundation

/// Where the config and the job database are: the one lookup order every command, `init` and `doctor` use.
///
/// The config file is `--config`, else `$PFC_CONFIG`, else `./config.json` when it exists, else none (the
/// built-in defaults). The job database is `--db` (against the current folder), else the config's
/// `jobs_database` (against the config's folder), else `<images root>/<metadata_subdir>/jobs.sqlite3`.
///
/// ```swift
/// let location = ConfigLocation(configPath: nil, databasePath: "jobs.sqlite3")   // no --config; --db jobs.sqlite3
/// let config = try location.load()          // $PFC_CONFIG, else ./config.json, else the defaults; --db applied
/// print(location.fileToWrite.path)          // where `init` puts a new config: ./config.json without either
/// ```
public struct ConfigLocation: Sendable, Equatable {
    /// `--config`.
    public var configPath: String?
    /// `--db`: the job database instead of the config's.
    public var databasePath: String?
    public var environment: [String: String]
    public var currentDirectory: String

    public init(configPath: String? = nil, databasePath: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.configPath = configPath
        self.databasePath = databasePath
        self.environment = environment
        self.currentDirectory = currentDirectory
    }

    /// What named the config file, for the message when it is missing.
    public enum Source: String, Sendable {
        case option = "--config"
        case environment = "PFC_CONFIG"
        case currentFolder = "the current folder"
    }

    var home: String { environment["HOME"] ?? NSHomeDirectory() }

    /// The config file named by `--config` or `$PFC_CONFIG` (which must then exist), else `./config.json` when it
    /// exists; nil means the built-in defaults. The path is absolute, `~` expanded.
    public var configFile: (file: URL, source: Source)? {
        if let named = namedFile { return named }
        let local = absolute("config.json")
        return FileManager.default.fileExists(atPath: local.path) ? (local, .currentFolder) : nil
    }

    /// The file `init` writes or keeps: the same order, with `./config.json` whether or not it exists.
    public var fileToWrite: URL { namedFile?.file ?? absolute("config.json") }

    /// `--db` made absolute against the current folder (a `postgresql://` URL stays as it is); nil without it.
    public var databaseFile: URL? {
        databasePath.map { DatabaseLocation.isServerURL($0) ? (URL(string: $0) ?? URL(fileURLWithPath: $0))
                                                           : URL(fileURLWithPath: $0, relativeTo: folder).standardizedFileURL }
    }

    /// Finds and reads the config (``configFile``, else the defaults), then applies `--db` and the environment's
    /// `GEMINI_API_BASE_URL`. A file named by `--config` or `$PFC_CONFIG` that does not exist is an error.
    public func load() throws(ConfigError) -> Config {
        var config: Config
        if let (file, source) = configFile {
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw .missingFile(path: file.path, source: source.rawValue)
            }
            config = try Config.read(file: file, home: home)
        } else {
            config = Config.defaults(home: home)
        }
        if let databasePath, DatabaseLocation.isServerURL(databasePath) {
            config.jobsDatabase = try DatabaseLocation.parse(databasePath, file: "--db", key: "--db") { URL(fileURLWithPath: $0) }
        } else if let databaseFile {
            config.jobsDatabase = databaseFile
        }
        if let database = config.jobsDatabase, !database.isFileURL {
            DatabaseLocation.exportPasswordFromDotEnv(environment: environment, configFile: config.sourceFile,
                                                      currentDirectory: currentDirectory)
        }
        if let baseURL = environment["GEMINI_API_BASE_URL"], !baseURL.isEmpty {
            config.geminiAPIBaseURL = baseURL
        }
        return config
    }

    private var namedFile: (file: URL, source: Source)? {
        if let configPath, !configPath.isEmpty { return (absolute(configPath), .option) }
        if let named = environment["PFC_CONFIG"], !named.isEmpty { return (absolute(named), .environment) }
        return nil
    }

    private var folder: URL { URL(fileURLWithPath: currentDirectory, isDirectory: true) }

    private func absolute(_ path: String) -> URL {
        URL(fileURLWithPath: PathExpansion.expandTilde(path, home: home), relativeTo: folder).standardizedFileURL
    }
}
