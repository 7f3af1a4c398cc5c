import ArgumentParser
import Foundation
import Housekeeping
import JobStore

struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete old check runs and history events; with --remote, finished batches on the API.",
        discussion: """
        Jobs and image records are never deleted. With --remote, the batches (and uploaded input files) of \
        jobs that finished before the same age and have nothing left to retrieve (completed, cancelled, \
        expired, or failed after the API finished them) are deleted on the API: only batches this database \
        created or imported, never one it does not know. A batch already gone (404) counts as deleted. What was \
        deleted is recorded, so a second prune does not ask again. --dry-run prints what would be done and \
        changes nothing (no API call).
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("Prune what is older than this: days (90d), hours (36h) or weeks (2w).", valueName: "age"))
    var olderThan = "90d"

    @Flag(help: "Also delete the finished jobs' batches (and uploaded input files) on the API.")
    var remote = false

    @Flag(help: "Print what would be deleted; change nothing.")
    var dryRun = false

    func run() async throws {
        let now = CommandClock.now
        let age = try AgeLimit.parse(olderThan, option: "--older-than")
        guard let context = try CommandContext.openExisting(options) else {
            print("Nothing to prune: there is no job database yet.")
            return
        }
        let cutoff = age.cutoff(now: now)
        let verb = dryRun ? "Would delete" : "Deleted"
        let counts = try context.store.pruneHistory(olderThan: cutoff, dryRun: dryRun, now: now)
        print("\(verb) \(counts.runs) check \(counts.runs == 1 ? "run" : "runs") and \(counts.events) history "
            + "\(counts.events == 1 ? "event" : "events") older than \(age) (before \(JobPresentation.humanTime(Timestamp(cutoff)))).")
        guard remote else { return }
        if dryRun {
            let planned = try RemoteCleanup.planned(store: context.store, finishedBefore: cutoff)
            print("Would delete on the API the batches of \(planned.count) finished \(planned.count == 1 ? "job" : "jobs")"
                + (planned.isEmpty ? "." : ":"))
            let rows = planned.map { item in
                [item.jobID, item.status.rawValue, JobPresentation.humanTime(item.finishedAt), item.inputFile ?? "-"]
            }
            if !rows.isEmpty {
                print(JobPresentation.table(header: ["BATCH", "STATUS", "FINISHED", "INPUT FILE"], rows: rows))
            }
            return
        }
        let client = try APIClientFactory.requireClient(config: context.config)
        let cleanup = RemoteCleanup(store: context.store, client: client, maxConcurrent: context.config.maxConcurrentRequests,
                                    clock: CommandClock.function)
        let report = try await cleanup.run(finishedBefore: cutoff)
        print("On the API: \(report.summary).")
        guard report.failed.isEmpty else {
            throw CommandFailure.runtime(report.failed.map { failure in
                "\(JobPresentation.shown(failure.jobID)): \(JobPresentation.shown(failure.reason)); left for the next prune"
            }.joined(separator: "\n"))
        }
    }
}
