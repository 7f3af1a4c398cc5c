import ArgumentParser
import BatchChecker
import Foundation
import Housekeeping
import Logging
import Scheduling

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check due jobs, retrieve finished batches, convert to WebP, export the tracking file.",
        discussion: """
        This is what cron runs. Overlapping runs are safe: jobs are claimed with a lease. Logs go to
        <images root>/<metadata_subdir>/logs/batch_checker.log. The API key comes from GEMINI_API_KEY,
        else a .env file beside the config file, else one in the current folder.
        Exit 0 when the run completed (whatever single jobs did), 1 on a fatal error, 2 on a config error.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Flag(help: "Also write the log lines to the console.")
    var verbose = false

    @Option(help: "Check only this job, due or not (batches/abc or abc).")
    var job: String?

    @Option(help: "Claim at most this many jobs.")
    var limit: Int?

    @Flag(help: .hidden)
    var scheduled = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    func run() async throws {
        let config = try options.loadConfig()
        let key = APIClientFactory.apiKey(config: config)
        let logger = try CommandLogger.open(config: config, key: key, console: verbose)
        // With --verbose the log line is already on the console: the failure is not said twice.
        func failure(_ message: String) -> any Error { verbose ? ExitCode.runtimeFailure : CommandFailure.runtime(message) }
        guard let key else {
            logger.error("GEMINI_API_KEY is not set (environment, or a .env file beside the config file or in the current folder); no job was checked")
            throw failure("GEMINI_API_KEY is not set; no job was checked")
        }
        if let problem = config.defaultModelProblem { logger.warning("\(problem)") }
        let store = try CommandContext.open(config: config).store
        if scheduled {
            switch try RunGate.scheduledRun(config: config, now: CommandClock.now, lastCompletedRunAt: {
                try store.lastCompletedRun()?.startedAt.date
            }) {
            case .due: break
            case .disabled:
                logger.info("Batch checking is disabled (batch_check_enabled: false); nothing to do")
                return
            case .notYet: return
            }
        }

        let client = APIClientFactory.client(config: config, key: key, logger: logger)
        // Progress is for a person watching; under cron or in a pipe it would only fill mail and files.
        let showProgress = !verbose && Terminal.standardErrorIsTerminal
        let board = showProgress ? ProgressBoard() : nil
        let checker = BatchChecker(settings: CheckerSettings(config: config), store: store, client: client, logger: logger,
                                   clock: CommandClock.function, progress: board.map { board in { @Sendable event in board.update(event) } })
        let report: CheckReport
        do {
            report = try await checker.run(onlyJobID: job, limit: limit)
        } catch {
            board?.end()
            RunOutputs.write(after: nil, config: config, store: store, logger: logger)
            // A fatal error of the run is exit 1 whatever its kind (the log has it too).
            throw failure("\(error)")
        }
        if let board {
            board.end()
            print(report.summaryLine)
        }
        // Metrics file and gallery: never fail the run (a problem is a WARNING in the log).
        RunOutputs.write(after: report, config: config, store: store, logger: logger)
        // remote_cleanup_after_days: delete finished batches on the API (logged; never changes the exit code).
        if job == nil {
            await RemoteCleanup.afterCheck(config: config, store: store, client: client, logger: logger, clock: CommandClock.function)
        }
        // The jobs were handled, but tools reading the tracking file did not get it: exit 1, said once.
        if let exportFailure = report.exportFailure {
            throw failure("the tracking file was not exported: \(exportFailure)")
        }
    }
}
