import ArgumentParser
import FileLogging
import Foundation
import LegacyFormat

struct ImportJSONCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-json",
        abstract: "Import a legacy batch_jobs_tracking.json (and batch_metadata/) into the job database.",
        discussion: """
        Idempotent: a second run changes nothing and says so. Entries with retrieved: true become completed
        (or failed / cancelled / expired where the old status says so). Bad input changes nothing (exit 2), and
        neither does a file another program is still writing (empty or half-written for a few seconds; exit 1).
        """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The tracking file. Default: <images root>/<metadata_subdir>/batch_jobs_tracking.json.")
    var path: String?

    @Option(help: "The batch_metadata folder. Default: batch_metadata/ beside the tracking file.")
    var batchMetadata: String?

    @Flag(help: "Show what would change without writing anything.")
    var dryRun = false

    func run() throws {
        let context = try CommandContext.open(options)
        let trackingFile = path.map { URL(fileURLWithPath: $0) } ?? context.config.paths.trackingFile
        let metadataFolder = batchMetadata.map { URL(fileURLWithPath: $0) }
            ?? (path == nil ? context.config.paths.batchMetadataFolder
                : trackingFile.deletingLastPathComponent().appendingPathComponent("batch_metadata"))
        var info = stat()
        guard lstat(trackingFile.path, &info) == 0 else {
            let reason = errno == ENOENT ? "no such tracking file" : "cannot read: \(String(cString: strerror(errno)))"
            throw CommandFailure.configuration("\(trackingFile.path): \(reason)")
        }
        let report: LegacyImport.Report
        do {
            report = try LegacyImport.run(trackingFile: trackingFile, batchMetadataFolder: metadataFolder,
                                          into: context.store, dryRun: dryRun) { step in Terminal.progress("import-json: \(step)") }
        } catch let error as LegacyFormatError {
            Terminal.endProgress()
            // Another program still writing the file: try again (exit 1). Any other problem is the file's (exit 2).
            throw error.isAnotherWriterAtWork ? CommandFailure.failed("nothing imported", error) : error
        }
        Terminal.endProgress()
        let summary = report.summary
        let verb = dryRun ? "Would import" : "Imported"
        print("\(verb) \(trackingFile.path): \(summary.inserted) new, \(summary.updated) updated, "
              + "\(summary.unchanged) unchanged, \(report.skipped.count) skipped")
        for (id, reason) in report.skipped { print(ControlCharacters.escaped("  skipped \(id): \(reason)")) }
        if summary.inserted == 0, summary.updated == 0 { print("Nothing to change: the database already holds this file.") }
    }
}
