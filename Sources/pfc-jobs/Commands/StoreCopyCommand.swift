import ArgumentParser
import Foundation
import JobStore
import PFCConfig

/// `pfc-jobs store copy --from <db> --to <db>`: how a studio moves its history from one machine's SQLite
/// file to a PostgreSQL server that several machines share (and back).
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every job, image, history event, run and setting from one job database into another.",
        discussion: """
        Each side is a SQLite file or a postgresql://user@host:port/dbname?sslmode=... URL; the password comes \
        from PGPASSWORD (the environment or .env) or ~/.pgpass, never from the URL. The copy is one transaction \
        on the target: all of it or nothing. Ids are kept. Rows the target already has are left alone, so running \
        the copy again inserts nothing; a target that holds jobs of its own is refused (the counts must match), \
        and nothing is changed. Stop every check run on the source first.
        """
    )

    @Option(help: "The database to copy from (a file or a postgresql:// URL).")
    var from: String

    @Option(help: "The database to copy into (created and migrated when missing).")
    var to: String

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        DatabaseLocation.exportPasswordFromDotEnv(environment: ProcessInfo.processInfo.environment, configFile: nil,
                                                  currentDirectory: cwd)
        let source = try JobStore(path: Self.location(from))
        let target = try JobStore(path: Self.location(to))
        guard source.path != target.path else {
            throw ValidationError("--from and --to name the same database (\(source.path))")
        }
        let started = Date()
        let report = try JobStore.copy(from: source, to: target)
        for table in report.tables {
            print("\(table.name): \(table.source) in the source, \(table.inserted) copied, \(table.target) in the target")
        }
        print(String(format: "Copied %@ into %@ in %.2f s; every table's count matches.",
                     source.path, target.path, Date().timeIntervalSince(started)))
    }

    /// A file path made absolute; a server URL as given.
    static func location(_ text: String) -> String {
        DatabaseLocation.isServerURL(text) ? text : URL(fileURLWithPath: text).standardizedFileURL.path
    }
}
