import ArgumentParser

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
}
