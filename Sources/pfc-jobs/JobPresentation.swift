import FileLogging
import Foundation
import JobJSON
import JobStore
import OrderedJSON

/// How jobs look to people (tables). The JSON for scripts and MCP clients is built by `JobJSON`.
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

    /// The `--json` objects, built by `JobJSON` so the MCP server answers with the same ones.
    static func jsonTime(_ timestamp: Timestamp?) -> JSONValue { JobJSON.time(timestamp) }
    static func jsonObject(_ listing: JobListing) -> JSONObject { JobJSON.listing(listing) }
    static func jsonObject(_ image: ImageRecord) -> JSONObject { JobJSON.image(image) }
    static func jsonObject(_ event: JobEvent) -> JSONObject { JobJSON.event(event) }

    static func imagesSummary(_ listing: JobListing) -> String {
        guard listing.imageCount > 0 else { return "-" }
        var text = "\(listing.doneImageCount)/\(listing.imageCount)"
        if listing.failedImageCount > 0 { text += " (\(listing.failedImageCount) failed)" }
        return text
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
