import Foundation
import JobStore
import ModelCatalogue
import PFCConfig
import Scheduling

/// Checks a pfc-jobs installation and explains each finding with a fix: config, API key, images
/// root, database integrity and schema, schedule, log, last run, stuck leases, jobs near the
/// 48-hour expiry, failed jobs, and the modes of the private files.
///
/// Doctor only reads (it probes writability with a file it removes at once). The one exception:
/// opening a database an older pfc-jobs wrote applies the pending migrations, as any command would.
///
/// ```swift
/// let doctor = Doctor(configPath: "/home/me/pfc/config.json", environment: ProcessInfo.processInfo.environment,
///                     currentDirectory: FileManager.default.currentDirectoryPath)
/// let report = doctor.run()
/// print(report.text)          // PASS  config  ... one line per check
/// ```
public struct Doctor: Sendable {
    /// Where the config and the database are (`--config`, `--db`, the environment, the current folder), found in
    /// the order every command uses.
    public var location: ConfigLocation
    /// Whose crontab to compare with the config.
    public var crontab: CrontabClient
    /// The binary the schedule should run (this one).
    public var executablePath: String
    public var now: Date

    /// A pending job submitted longer ago than this is close to Gemini's 48-hour batch expiry.
    public static let nearExpiryHours: Double = 40
    /// A lease that expired longer ago than this many lease periods belongs to a run that died.
    public static let stuckLeaseFactor: Double = 2

    public init(location: ConfigLocation, crontab: CrontabClient = CrontabClient(),
                executablePath: String = ExecutableLocator.currentExecutablePath(), now: Date = Date()) {
        self.location = location
        self.crontab = crontab
        self.executablePath = executablePath
        self.now = now
    }

    /// `configPath` is `--config` (nil: `$PFC_CONFIG`, `./config.json`, defaults), `databasePath` is `--db`.
    public init(configPath: String? = nil, databasePath: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                currentDirectory: String = FileManager.default.currentDirectoryPath,
                crontab: CrontabClient = CrontabClient(),
                executablePath: String = ExecutableLocator.currentExecutablePath(), now: Date = Date()) {
        self.init(location: ConfigLocation(configPath: configPath, databasePath: databasePath, environment: environment,
                                           currentDirectory: currentDirectory),
                  crontab: crontab, executablePath: executablePath, now: now)
    }

    var environment: [String: String] { location.environment }
    var currentDirectory: String { location.currentDirectory }
    var home: String { environment["HOME"] ?? NSHomeDirectory() }

    /// Runs every check that can run, without any network call. A config that cannot be read stops the
    /// checks that need it.
    public func run() -> DoctorReport {
        DoctorReport(checks: localChecks().checks)
    }

    /// ``run()``, and with `online` also asks the service whether it accepts the key and serves the configured
    /// model (``onlineChecks(_:)``: one `GET models/{model}`). Without `online` nothing goes over the network.
    ///
    /// ```swift
    /// let report = await doctor.run(online: true)
    /// report[.onlineKey]?.verdict   // .fail when the service refused the key (API_KEY_INVALID)
    /// ```
    public func run(online: Bool) async -> DoctorReport {
        let local = localChecks()
        guard online, let config = local.config else { return DoctorReport(checks: local.checks) }
        return DoctorReport(checks: local.checks + (await onlineChecks(config)))
    }

    /// The offline checks, and the config they ran with (nil when it could not be read).
    func localChecks() -> (checks: [DoctorCheck], config: Config?) {
        var checks: [DoctorCheck] = []
        let config: Config
        do throws(ConfigError) {
            config = try loadConfig()
        } catch {
            checks.append(DoctorCheck(check: .config, verdict: .fail, detail: error.description,
                                      hint: "fix the file named above (compare with config.json.example), or create one with pfc-jobs init"))
            checks.append(apiKeyCheck(configFile: location.configFile?.file))
            return (checks, nil)
        }
        checks.append(configCheck(config))
        checks.append(apiKeyCheck(configFile: config.sourceFile))
        checks.append(imagesRootCheck(config))
        let database = databaseChecks(config)
        checks += database.checks
        checks.append(scheduleCheck(config, lastRun: try? database.store?.lastCompletedRun()?.startedAt.date))
        checks.append(logCheck(config))
        if let store = database.store {
            checks += jobChecks(config, store: store)
        }
        checks.append(privateFilesCheck(config))
        return (checks, config)
    }

    /// The config as every command sees it, with `--db` applied.
    func loadConfig() throws(ConfigError) -> Config {
        try location.load()
    }

    func configCheck(_ config: Config) -> DoctorCheck {
        guard let file = config.sourceFile else {
            return DoctorCheck(check: .config, verdict: .warn,
                               detail: "no config file found (--config, $PFC_CONFIG, ./config.json); using built-in defaults",
                               hint: "pfc-jobs init writes one")
        }
        if let problem = config.defaultModelProblem {
            let replacement = ModelCatalogue.lookup(config.defaultModel).replacement ?? ModelCatalogue.defaultModelID
            return DoctorCheck(check: .config, verdict: .fail, detail: problem.description,
                               hint: "set \"default_model\": \"\(replacement)\" in \(file.path)")
        }
        return DoctorCheck(check: .config, verdict: .pass,
                           detail: "\(file.path) is valid (images root \(config.imagesRoot.path), every \(config.batchCheckIntervalMinutes) min, "
                               + "checking \(config.batchCheckEnabled ? "enabled" : "disabled"), model \(config.defaultModel))")
    }
}
