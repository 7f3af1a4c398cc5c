import ArgumentParser
import Foundation

/// The `pfc-jobs` command: a thin shell over the library targets.
@main
struct PFCJobs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pfc-jobs",
        abstract: "Track Gemini Batch API image jobs: check, retrieve, convert, export.",
        discussion: """
        Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error.
        Configuration: --config PATH, else $PFC_CONFIG, else ./config.json if present, else built-in defaults.
        """,
        subcommands: CommandRegistry.all
    )

    /// The error boundary: commands throw, and every error ends here once. Parsing errors and what
    /// ArgumentParser owns (`ExitCode`, `ValidationError`, `CleanExit`, the help a `--help` run throws) are
    /// reported as ArgumentParser reports them; everything else is `pfc-jobs: error:` lines worded by ``ErrorMapping``.
    static func main() async {
        var command: any ParsableCommand
        do { command = try parseAsRoot() } catch { exitAsArgumentParser(error) }
        do {
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // ArgumentParser gives every error it does not own exit 1; its own ask for 0 (help) or 64 (usage).
            if error is ExitCode || exitCode(for: error).rawValue != ExitCode.failure.rawValue { exitAsArgumentParser(error) }
            let failure = ErrorMapping.failure(for: error)
            // Each line its own `pfc-jobs: error:` line, so grep and cron mail see every one.
            let lines = failure.description.split(separator: "\n", omittingEmptySubsequences: false)
            FileHandle.standardError.write(Data(lines.map { "pfc-jobs: error: \($0)\n" }.joined().utf8))
            Foundation.exit(failure.exitCode.rawValue)
        }
    }

    /// ArgumentParser reports usage errors with EX_USAGE (64); pfc-jobs documents 2 for every usage or
    /// configuration error, so scripts and cron mail see one code.
    private static func exitAsArgumentParser(_ error: any Error) -> Never {
        if exitCode(for: error).rawValue == 64 {
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitCode.usageOrConfiguration.rawValue)
        }
        exit(withError: error)
    }
}
