import ArgumentParser
import Foundation
import PFCConfig
import Scheduling
import Setup

/// `pfc-jobs init`: first-run setup for a new user or one coming from the Python checker.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "First-run setup: config.json, .env, images folders, job database (imports the tracking file), schedule.",
        discussion: """
        The config goes to --config PATH, else $PFC_CONFIG, else ./config.json. An existing config is read and kept \
        (--interval/--enable/--disable update just those keys); an existing .env is kept. On a terminal, init asks \
        for the images folder, interval and enable flag that no flag gave; without one it uses the defaults. \
        The crontab entry replaces the Python checker's. When a key is in place, init then asks the service \
        whether it accepts the key and serves default_model (as doctor --online; --offline skips it). Safe to run again.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(name: .customLong("images-root"), help: ArgumentHelp("Where images go (generated_images_path).", valueName: "path"))
    var imagesRoot: String?

    @Option(help: ArgumentHelp("Minutes between checks, \(Config.intervalRange) (default 30).", valueName: "minutes"))
    var interval: Int?

    /// `--enable` / `--disable`: batch_check_enabled.
    enum Checking: String, EnumerableFlag {
        case enable, disable

        static func help(for value: Checking) -> ArgumentHelp? {
            value == .enable ? "Check automatically (batch_check_enabled true; the default)."
                             : "Do not check automatically (batch_check_enabled false; no crontab entry)."
        }
    }

    @Flag var checking: Checking?

    @Flag(name: .customLong("api-key-from-env"),
          help: "Save GEMINI_API_KEY from the environment in .env (also into an existing .env without a key); fails when it is not set.")
    var apiKeyFromEnvironment = false

    @Flag(name: .customLong("no-schedule"), help: "Do not touch the crontab.")
    var noSchedule = false

    @Flag(help: "Do not ask the service about the key and model afterwards.")
    var offline = false

    @Option(name: .customLong("crontab-user"), help: ArgumentHelp("Edit this user's crontab (crontab -u; root only).", valueName: "user"))
    var crontabUser: String?

    @Option(name: .customLong("crontab-program"), help: .hidden)
    var crontabProgram: String?

    func run() async throws {
        let location = options.location
        var request = InitRequest(configFile: location.fileToWrite, environment: location.environment,
                                  currentDirectory: location.currentDirectory,
                                  crontab: CrontabClient(crontabPath: crontabProgram ?? CrontabClient.defaultCrontabPath(),
                                                         user: crontabUser))
        request.imagesRoot = imagesRoot
        request.databaseFile = location.databaseFile
        request.intervalMinutes = interval
        request.enabled = checking.map { $0 == .enable }
        request.apiKeyFromEnvironment = apiKeyFromEnvironment
        request.installSchedule = !noSchedule
        let prompter = isatty(STDIN_FILENO) == 1 ? InitPrompter.terminal() : nil
        try FirstRunSetup(request: request).run(prompter: prompter) { print($0) }
        guard !offline else { return }
        // Setup is done either way: a refused key or a retired model is reported (as doctor --online reports it),
        // not turned into a failed init.
        var written = location
        written.configPath = request.configFile.path
        if let report = await Doctor(location: written).onlineReport() {
            print("Online check:")
            print(report.text)
        }
    }
}
