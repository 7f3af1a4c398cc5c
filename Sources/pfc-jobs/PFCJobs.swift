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

    /// ArgumentParser reports usage errors with EX_USAGE (64); pfc-jobs documents 2 for every usage or
    /// configuration error, so scripts and cron mail see one code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error).rawValue == 64 {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitCode.usageOrConfiguration.rawValue)
            }
            exit(withError: error)
        }
    }
}
