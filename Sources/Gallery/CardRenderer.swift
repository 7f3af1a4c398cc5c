import Foundation
import JobStore
import LegacyFormat
import OrderedJSON

/// The HTML of one job's header and of one image's card. Every piece of user or service text goes through
/// ``HTMLText/escape(_:)``; every file link through ``RelativeURL``. A fragment is one line (the cache's unit).
///
/// ```swift
/// let renderer = CardRenderer(galleryFolder: "/srv/images/gallery")
/// let html = renderer.card(image, of: job, metadata: job.requestMetadata, preview: preview)
/// ```
struct CardRenderer {
    /// Absolute path of the folder the page is written to; links are relative to it.
    let galleryFolder: String

    /// The filter's word for a card: `done`, `blocked`, `failed` or `pending` for an image; the job's status
    /// for the card of a job without images.
    static func status(of image: ImageRecord) -> String { statusWord(state: image.state, error: image.error) }

    /// A failed item is `blocked` when the service refused it (a block reason, or a safety finish reason).
    static func statusWord(state: ImageState, error: String?) -> String {
        switch state {
        case .done: return "done"
        case .pending: return "pending"
        case .failed:
            let reason = error ?? ""
            let blocked = reason.hasPrefix("blocked") || ["SAFETY", "PROHIBITED", "BLOCKLIST"].contains { reason.contains($0) }
            return blocked ? "blocked" : "failed"
        }
    }

    /// The anchor of a job's section: its id with every character other than a letter or digit as `_XX`
    /// (hex), so two ids never share an anchor.
    static func anchor(of jobID: String) -> String {
        var anchor = "job-"
        for byte in jobID.utf8 {
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                anchor.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                anchor += "_" + String(byte, radix: 16, uppercase: true)
            }
        }
        return anchor
    }

    /// The opening of a job's section: its header (title, status, time, model, images, cost, id, and why it
    /// failed) and the opening of its card grid. A job without images gets one card saying where it stands.
    func jobOpening(_ job: Job, metadata: RequestMetadata, images: [ImageRecord]) -> String {
        let anchor = Self.anchor(of: job.id)
        let submitted = (job.submittedAt ?? job.createdAt).date
        let title = nonEmpty(metadata.title) ?? nonEmpty(job.displayName) ?? job.id
        var facts = ["<span class=\"status s-\(job.status.rawValue)\">\(job.status.rawValue)</span>",
                     "<time datetime=\"\(LocalTime.iso(submitted))\">\(LocalTime.minute(submitted))</time>"]
        if let model = metadata.model { facts.append(HTMLText.escape(model)) }
        let done = images.count { $0.state == .done }, failed = images.count { $0.state == .failed }
        if !images.isEmpty { facts.append("\(done) of \(images.count) image\(images.count == 1 ? "" : "s")" + (failed > 0 ? " (\(failed) failed)" : "")) }
        if let estimate = metadata.estimatedCostUSD { facts.append("estimated \(Self.usd(estimate))") }
        if let actual = metadata.actualCostUSD { facts.append("actual \(Self.usd(actual))") }
        var html = "<section class=\"job\" id=\"\(anchor)\" data-status=\"\(job.status.rawValue)\" data-date=\"\(LocalTime.day(submitted))\">"
        html += "<header><h2><a href=\"#\(anchor)\">\(HTMLText.escape(title))</a></h2>"
        html += "<p class=\"meta\">\(facts.joined(separator: " · "))</p>"
        html += "<p class=\"id\">\(HTMLText.escape(job.id))\(job.remoteState.map { " · " + HTMLText.escape($0) } ?? "")</p>"
        if job.status != .completed, let error = job.lastError { html += "<p class=\"reason\">\(HTMLText.escape(error))</p>" }
        html += "</header><div class=\"cards\">"
        if images.isEmpty {
            let words = [JobStatus.pending: "waiting for the batch", .failed: "no image: the job failed",
                         .cancelled: "no image: cancelled", .expired: "no image: the batch expired", .completed: "no image recorded"]
            html += "<figure class=\"card placeholder\" data-status=\"\(job.status.rawValue)\"><div class=\"nothumb\">"
            html += "<span class=\"status s-\(job.status.rawValue)\">\(job.status.rawValue)</span></div><figcaption>"
            html += "<h3>\(HTMLText.escape(title))</h3>"
            if let prompt = nonEmpty(metadata.prompt) { html += "<p class=\"prompt\">\(HTMLText.escape(prompt))</p>" }
            html += "<p class=\"reason\">\(HTMLText.escape(job.lastError ?? words[job.status] ?? ""))</p></figcaption></figure>"
        }
        return html
    }

    /// Closes what ``jobOpening(_:metadata:images:)`` opened.
    static let jobClosing = "</div></section>"

    /// One image's card: the thumbnail linking to the full image (or, for a failed item, its status and
    /// reason), the request's title and prompt, model, size and cost.
    func card(_ image: ImageRecord, of job: Job, metadata jobMetadata: RequestMetadata, preview: ThumbnailStore.Preview?) -> String {
        let metadata = jobMetadata.forRequest(key: image.requestKey)
        let status = Self.status(of: image)
        let title = nonEmpty(metadata.title) ?? image.requestKey
        var html = "<figure class=\"card\" id=\"image-\(image.id)\" data-status=\"\(status)\">"
        if image.state == .done, let preview, let name = preview.name {
            let link = (image.originalPath ?? image.webpPath).map { RelativeURL.from(folder: galleryFolder, to: $0) } ?? ""
            let alt = nonEmpty(metadata.alternativeText) ?? title
            html += "<a class=\"full\" href=\"\(HTMLText.escape(link))\"><img class=\"thumb\" src=\"thumbs/\(RelativeURL.encode(name))\" "
            html += "width=\"\(preview.width)\" height=\"\(preview.height)\" loading=\"lazy\" decoding=\"async\" alt=\"\(HTMLText.escape(alt))\"></a>"
        } else {
            let word = image.state == .done ? "no preview" : status
            html += "<div class=\"nothumb\"><span class=\"status s-\(status)\">\(word)</span></div>"
        }
        html += "<figcaption><h3>\(HTMLText.escape(title))</h3>"
        if let prompt = nonEmpty(metadata.prompt) { html += "<p class=\"prompt\">\(HTMLText.escape(prompt))</p>" }
        var facts: [String] = []
        if let model = metadata.model { facts.append(HTMLText.escape(model)) }
        var size = HTMLText.escape(metadata.imageSize)
        if let width = preview?.originalWidth, let height = preview?.originalHeight { size = "\(width)×\(height) (\(size))" }
        facts.append(size)
        if let cost = metadata.cost.numberValue?.doubleValue, cost > 0 { facts.append(Self.usd(cost)) }
        html += "<p class=\"meta\">\(facts.joined(separator: " · "))</p>"
        if image.state == .failed {
            html += "<p class=\"reason\"><span class=\"status s-\(status)\">\(status)</span> \(HTMLText.escape(image.error ?? "no reason recorded"))</p>"
        } else if let note = image.error ?? preview?.problem {
            html += "<p class=\"note\">\(HTMLText.escape(note))</p>"
        }
        return html + "</figcaption></figure>"
    }

    static func usd(_ value: Double) -> String { String(format: "$%.4f", value) }

    private func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }
}
