import ArgumentParser
import Foundation
import JobJSON
import JobStore
import OrderedJSON

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List jobs, newest first.",
        discussion: "Statuses: pending, completed, failed, cancelled, expired."
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: "Only jobs with this status (pending, completed, failed, cancelled, expired).")
    var status: JobStatus?

    @Option(help: "At most this many jobs.")
    var limit: Int?

    @Flag(help: "Print a JSON array for scripts.")
    var json = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let listings = try CommandContext.openExisting(options)?.store.jobs(status: status, limit: limit) ?? []
        if json {
            print(JSONValue.array(listings.map { .object(JobJSON.listing($0)) }).serialized(style: .pretty))
            return
        }
        if listings.isEmpty {
            print(status.map { "No \($0.rawValue) jobs." } ?? "No jobs.")
            return
        }
        let rows = listings.map { listing -> [String] in
            let job = listing.job
            return [job.id, job.status.rawValue, job.remoteState ?? "-", JobPresentation.humanTime(job.submittedAt),
                    JobPresentation.humanTime(job.lastCheckedAt), JobPresentation.imagesSummary(listing),
                    JobPresentation.shortened(job.lastError)]
        }
        print(JobPresentation.table(header: ["ID", "STATUS", "REMOTE STATE", "SUBMITTED", "LAST CHECKED", "IMAGES", "LAST ERROR"],
                                    rows: rows))
    }
}

extension JobStatus: ExpressibleByArgument {}
