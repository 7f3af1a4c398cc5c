import ArgumentParser
import Foundation
import LegacyFormat

struct ExportJSONCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-json",
        abstract: "Write the job database to batch_jobs_tracking.json in the legacy format.",
        discussion: """
        Atomic (temporary file + rename, the file's mode kept), stable key order. Entries another program
        appended to the file since the last export are imported first, never lost.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The file to write. Default: <images root>/<metadata_subdir>/batch_jobs_tracking.json.")
    var path: String?

    func run() throws {
        try reportingFailures {
            let context = try CommandContext.open(options)
            let file = path.map { URL(fileURLWithPath: $0) } ?? context.config.paths.trackingFile
            let report = try TrackingExport.run(store: context.store, to: file)
            var line = "Wrote \(report.written) entries to \(file.path)"
            if !report.merged.isEmpty { line += " (merged \(report.merged.count) entries another program appended)" }
            print(line)
        }
    }
}
