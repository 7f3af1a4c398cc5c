import Foundation
import OrderedJSON

extension Config {
    /// Finds and reads the config in ``ConfigLocation``'s order: `explicitPath` (from `--config`), else
    /// `$PFC_CONFIG`, else `./config.json` when present, else the built-in defaults.
    ///
    /// An explicitly named file that does not exist is an error; relative paths inside the file
    /// are resolved against the file's folder, `~` against `$HOME`.
    public static func load(
        explicitPath: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) throws(ConfigError) -> Config {
        try ConfigLocation(configPath: explicitPath, environment: environment, currentDirectory: currentDirectory).load()
    }

    /// Reads one config file.
    public static func read(file: URL, home: String) throws(ConfigError) -> Config {
        try Config(object: jsonObject(at: file), file: file, home: home)
    }

    /// The JSON object a file holds (the config, or a prices file it names); errors name the file.
    static func jsonObject(at file: URL) throws(ConfigError) -> JSONObject {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw .unreadable(path: file.path, reason: (error as NSError).localizedDescription)
        }
        let document: JSONValue
        do throws(JSONParseError) { document = try JSONValue.parse(data) } catch {
            throw .invalidJSON(path: file.path, reason: error.description)
        }
        guard let object = document.objectValue else { throw .notAnObject(path: file.path) }
        return object
    }

    /// Builds the settings from a parsed config object on top of the defaults.
    public init(object: JSONObject, file: URL, home: String) throws(ConfigError) {
        self = Config.defaults(home: home)
        sourceFile = file
        let reader = ConfigReader(object: object, path: file.path)
        let folder = file.deletingLastPathComponent()
        func resolve(_ path: String) -> URL {
            let expanded = PathExpansion.expandTilde(path, home: home)
            return URL(fileURLWithPath: expanded, relativeTo: folder).standardizedFileURL
        }
        // `generated_images_path` is the checker's key; `images_dir` the image server's. Same folder.
        let checkerRoot = try reader.string("generated_images_path")
        let serverRoot = try reader.string("images_dir")
        if let root = checkerRoot ?? serverRoot { imagesRoot = resolve(root) }
        if let value = try reader.subfolder("original_subdir") { originalSubdir = value }
        if let value = try reader.subfolder("webp_subdir") { webpSubdir = value }
        if let value = try reader.subfolder("metadata_subdir") { metadataSubdir = value }
        if let value = try reader.subfolder("json_subdir") { jsonSubdir = value }
        if let value = try reader.bool("batch_check_enabled") { batchCheckEnabled = value }
        if let value = try reader.int("batch_check_interval_minutes", in: Config.intervalRange) {
            batchCheckIntervalMinutes = value
        }
        if let value = try reader.double("api_delay_seconds", in: 0...3600) { apiDelaySeconds = value }
        if let value = try reader.bool("debug") { debug = value }
        if let database = try reader.string("jobs_database") {
            jobsDatabase = try DatabaseLocation.parse(database, file: file.path, key: "jobs_database", resolve: resolve)
        }
        if let value = try reader.string("gemini_api_base_url") { geminiAPIBaseURL = value }
        if let value = try reader.int("lease_seconds", in: 30...86_400) { leaseSeconds = value }
        if let value = try reader.int("max_attempts", in: 1...1000) { maxAttempts = value }
        if let value = try reader.int("backoff_base_seconds", in: 1...86_400) { backoffBaseSeconds = value }
        if let value = try reader.int("poll_interval_seconds", in: 0...86_400) { pollIntervalSeconds = value }
        if let value = try reader.int("claim_batch_size", in: 1...10_000) { claimBatchSize = value }
        if let value = try reader.int("max_concurrent_requests", in: 1...64) { maxConcurrentRequests = value }
        if let value = try reader.int("give_up_after_hours", in: 0...8_760) { giveUpAfterHours = value }
        if let value = try reader.int("max_backoff_seconds", in: 1...86_400) { maxBackoffSeconds = value }
        if let value = try reader.int("api_stall_seconds", in: 1...3_600) { apiStallSeconds = value }
        if let value = try reader.int("max_answer_bytes", in: 65_536...1_073_741_824) { maxAnswerBytes = value }
        if let value = try reader.int("remote_cleanup_after_days", in: 0...3_650) { remoteCleanupAfterDays = value }
        if let value = try reader.bool("gallery_enabled") { galleryEnabled = value }
        if let value = try reader.string("metrics_file") {
            // node_exporter's textfile collector reads only *.prom files: another name would be ignored without a word.
            guard value.hasSuffix(".prom"), value.count > 5 else {
                throw .outOfRange(path: file.path, key: "metrics_file", value: "\"\(value)\"", allowed: "a file name ending in .prom")
            }
            metricsFile = resolve(value)
        }
        if let value = try reader.string("default_model") { defaultModel = value }
        prices = try Config.prices(object["prices"], file: file, home: home)
    }
}

/// Typed access to config keys with errors that name the key and file.
struct ConfigReader {
    let object: JSONObject
    let path: String

    func string(_ key: String) throws(ConfigError) -> String? {
        guard let value = present(key) else { return nil }
        guard let string = value.stringValue else { throw wrongType(key, "a string", value) }
        return string
    }

    /// A subfolder name must stay inside the images root.
    func subfolder(_ key: String) throws(ConfigError) -> String? {
        guard let name = try string(key) else { return nil }
        if name.isEmpty || name.hasPrefix("/") || name.split(separator: "/").contains("..") {
            throw .outOfRange(path: path, key: key, value: "\"\(name)\"", allowed: "a relative folder name inside the images root")
        }
        return name
    }

    func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard let bool = value.boolValue else { throw wrongType(key, "true or false", value) }
        return bool
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let value = present(key) else { return nil }
        guard let int = value.numberValue?.intValue else { throw wrongType(key, "a whole number", value) }
        guard range.contains(int) else {
            throw .outOfRange(path: path, key: key, value: String(int), allowed: "\(range.lowerBound)..\(range.upperBound)")
        }
        return int
    }

    func double(_ key: String, in range: ClosedRange<Double>) throws(ConfigError) -> Double? {
        guard let value = present(key) else { return nil }
        guard let double = value.numberValue?.doubleValue else { throw wrongType(key, "a number", value) }
        guard range.contains(double) else {
            throw .outOfRange(path: path, key: key, value: String(double), allowed: "\(range.lowerBound)..\(range.upperBound)")
        }
        return double
    }

    /// `null` counts as absent: the legacy tools wrote `null` for unset values.
    private func present(_ key: String) -> JSONValue? {
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    private func wrongType(_ key: String, _ expected: String, _ value: JSONValue) -> ConfigError {
        let found: String
        if case .number(let n) = value { found = n.literal } else if case .string(let s) = value { found = "\"\(s)\"" } else { found = value.typeName }
        return .wrongType(path: path, key: key, expected: expected, found: found)
    }
}
