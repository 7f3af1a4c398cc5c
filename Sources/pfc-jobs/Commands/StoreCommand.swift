import ArgumentParser

/// `pfc-jobs store ...`: the job database as a whole.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Work on the job database as a whole (copy it between SQLite and PostgreSQL).",
        subcommands: [StoreCopyCommand.self]
    )
}
