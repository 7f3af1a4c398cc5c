import ArgumentParser
import FileLogging
import Foundation
import LegacyFormat

struct ExportJSONCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-json",
        abstract: "Write the job database to batch_jobs_tracking.json in the legacy format.",
        discussion: """
        Atomic (temporary file + exchange, the file's mode kept), stable key order. Entries another program
        appended to the file since the last export are imported first, never lost. A file another program
        is still writing (empty, half-written) is waited for a few seconds, then left alone: exit 1, nothing
        changed. A symbolic link or FIFO at the file's name is refused (exit 1).
        """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The file to write. Default: <images root>/<metadata_subdir>/batch_jobs_tracking.json.")
    var path: String?

    func run() throws {
        let context = try CommandContext.open(options)
        let file = path.map { URL(fileURLWithPath: $0) } ?? context.config.paths.trackingFile
        let report: TrackingExport.Report
        do {
            report = try TrackingExport.run(store: context.store, to: file)
        } catch let error as LegacyFormatError {
            // Whatever was wrong with the file, the export did not happen: exit 1.
            throw CommandFailure.failed(error.isAnotherWriterAtWork ? "export skipped" : "export failed", error)
        }
        var line = "Wrote \(report.written) entries to \(file.path)"
        if !report.merged.isEmpty { line += " (merged \(report.merged.count) entries another program appended)" }
        print(line)
        for held in report.heldBack {
            Terminal.warning(ControlCharacters.escaped("kept \(held.id) in the file without taking it: \(held.reason)"))
        }
    }
}
