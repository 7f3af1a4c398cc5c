import ArgumentParser
import Foundation
import JobStore
import OrderedJSON

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one job with its images and history.",
        discussion: "The id may be the full name (batches/abc) or the bare suffix (abc)."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "The job id.")
    var id: String

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        guard let store = try CommandContext.openExisting(options)?.store, let job = try store.job(id: id) else {
            throw JobStoreError.jobNotFound(id)
        }
        let images = try store.images(jobID: job.id)
        let events = try store.events(jobID: job.id)
        let links = try JobLinks(job: job, store: store)
        let listing = JobListing(job: job, imageCount: images.count,
                                 doneImageCount: images.count { $0.state == .done },
                                 failedImageCount: images.count { $0.state == .failed })
        if json {
            var object = JobPresentation.jsonObject(listing)
            if let text = job.requestMetadataJSON, let request = try? JSONValue.parse(text) { object["request"] = request }
            object["images"] = .array(images.map { .object(JobPresentation.jsonObject($0)) })
            object["history"] = .array(events.map { .object(JobPresentation.jsonObject($0)) })
            links.add(to: &object)
            print(JSONValue.object(object).serialized(style: .pretty))
            return
        }
        print(render(job: job, listing: listing, images: images, events: events, links: links.fields))
    }

    private func render(job: Job, listing: JobListing, images: [ImageRecord], events: [JobEvent],
                        links: [(String, String)]) -> String {
        var lines: [String] = []
        // Values come from outside (API errors, prompts, ids): shown with control characters escaped.
        func field(_ name: String, _ value: String) {
            lines.append(name.padding(toLength: 14, withPad: " ", startingAt: 0) + JobPresentation.shown(value))
        }
        field("id", job.id)
        field("status", job.status.rawValue)
        field("remote state", job.remoteState ?? "-")
        if let name = job.displayName { field("display name", name) }
        field("submitted", JobPresentation.humanTime(job.submittedAt))
        field("last checked", JobPresentation.humanTime(job.lastCheckedAt))
        field("completed", JobPresentation.humanTime(job.completedAt))
        if job.status == .pending { field("next check", JobPresentation.humanTime(job.nextCheckAt)) }
        field("checks", String(job.checkCount))
        field("attempts", String(job.attempts))
        field("images", JobPresentation.imagesSummary(listing))
        for (name, value) in links { field(name, value) }
        if let error = job.lastError { field("last error", error) }
        if let text = job.requestMetadataJSON, let request = try? JSONValue.parse(text).objectValue,
           let prompt = request["prompt"]?.stringValue {
            field("prompt", prompt)
        }
        if !images.isEmpty {
            lines.append("")
            lines.append("Images:")
            let rows = images.map { image in
                [image.requestKey, image.state.rawValue, image.originalPath ?? "-", image.webpPath ?? "-",
                 image.bytes.map(String.init) ?? "-", JobPresentation.shortened(image.error, to: 50)]
            }
            lines.append(JobPresentation.table(header: ["KEY", "STATE", "ORIGINAL", "WEBP", "BYTES", "ERROR"], rows: rows))
        }
        if !events.isEmpty {
            lines.append("")
            lines.append("History:")
            for event in events {
                lines.append(JobPresentation.shown("  \(JobPresentation.humanTime(event.at))  \(event.kind)\(event.message.map { ": \($0)" } ?? "")"))
            }
        }
        return lines.joined(separator: "\n")
    }
}
