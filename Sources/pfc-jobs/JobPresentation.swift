import FileLogging
import Foundation
import JobStore
import LegacyFormat
import OrderedJSON

/// How jobs look to people (tables) and to scripts (JSON).
enum JobPresentation {
    /// `2026-02-07 21:00:00`, local time, or `-`.
    static func humanTime(_ timestamp: Timestamp?) -> String {
        guard let timestamp else { return "-" }
        var seconds = time_t(timestamp.microsecondsSinceEpoch / 1_000_000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// The legacy file's time text, so scripts parse one format everywhere.
    static func jsonTime(_ timestamp: Timestamp?) -> JSONValue {
        JSONValue(timestamp.map { LegacyTime.format($0.microsecondsSinceEpoch) })
    }

    static func imagesSummary(_ listing: JobListing) -> String {
        guard listing.imageCount > 0 else { return "-" }
        var text = "\(listing.doneImageCount)/\(listing.imageCount)"
        if listing.failedImageCount > 0 { text += " (\(listing.failedImageCount) failed)" }
        return text
    }

    /// The object `list --json` prints per job.
    static func jsonObject(_ listing: JobListing) -> JSONObject {
        let job = listing.job
        var object = JSONObject()
        object["id"] = JSONValue(job.id)
        object["status"] = JSONValue(job.status.rawValue)
        object["remote_state"] = JSONValue(job.remoteState)
        object["display_name"] = JSONValue(job.displayName)
        object["submitted_at"] = jsonTime(job.submittedAt)
        object["last_checked"] = jsonTime(job.lastCheckedAt)
        object["completed_at"] = jsonTime(job.completedAt)
        object["next_check_at"] = job.status == .pending ? jsonTime(job.nextCheckAt) : .null
        object["retrieved"] = JSONValue(LegacyStatus.retrieved(job.status))
        object["check_count"] = JSONValue(job.checkCount)
        object["attempts"] = JSONValue(job.attempts)
        object["last_error"] = JSONValue(job.lastError)
        object["image_count"] = JSONValue(listing.imageCount)
        object["images_done"] = JSONValue(listing.doneImageCount)
        object["images_failed"] = JSONValue(listing.failedImageCount)
        return object
    }

    static func jsonObject(_ image: ImageRecord) -> JSONObject {
        var object = JSONObject()
        object["request_key"] = JSONValue(image.requestKey)
        object["index"] = JSONValue(image.itemIndex)
        object["state"] = JSONValue(image.state.rawValue)
        object["original_path"] = JSONValue(image.originalPath)
        object["webp_path"] = JSONValue(image.webpPath)
        object["original_sidecar_path"] = JSONValue(image.originalSidecarPath)
        object["webp_sidecar_path"] = JSONValue(image.webpSidecarPath)
        object["bytes"] = image.bytes.map(JSONValue.init) ?? .null
        object["webp_bytes"] = image.webpBytes.map(JSONValue.init) ?? .null
        object["sha256"] = JSONValue(image.sha256)
        object["mime_type"] = JSONValue(image.mimeType)
        object["error"] = JSONValue(image.error)
        return object
    }

    static func jsonObject(_ event: JobEvent) -> JSONObject {
        var object = JSONObject()
        object["at"] = jsonTime(event.at)
        object["kind"] = JSONValue(event.kind)
        object["message"] = JSONValue(event.message)
        return object
    }

    /// Text from outside (ids, API errors, item keys, prompts) as a terminal may show it: control
    /// characters escaped, so an ESC cannot clear the screen and a CR cannot forge a line.
    static func shown(_ text: String) -> String { ControlCharacters.escaped(text) }

    /// A plain text table: columns padded to their widest cell, the last one left ragged. Every cell is
    /// ``shown(_:)``.
    static func table(header: [String], rows: [[String]]) -> String {
        let rows = rows.map { $0.map(shown) }
        var widths = header.map(\.count)
        for row in rows { for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// Cuts long error texts for a table cell.
    static func shortened(_ text: String?, to limit: Int = 60) -> String {
        guard let text, !text.isEmpty else { return "-" }
        let oneLine = shown(text.replacingOccurrences(of: "\n", with: " "))
        return oneLine.count <= limit ? oneLine : String(oneLine.prefix(limit - 1)) + "…"
    }
}
