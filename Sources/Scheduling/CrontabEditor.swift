/// Edits crontab text as a pure transform: pfc-jobs' block (``CrontabEntry/marker`` plus the
/// entry line) is added, replaced or removed, the old Python checker's entry is replaced, and
/// every other line stays byte for byte (comments, `MAILTO=` lines, blank lines).
///
/// ```swift
/// let updated = CrontabEditor.installing(entry, into: try client.read())
/// try client.write(updated)
/// ```
public enum CrontabEditor {
    /// The comment the Python checker's setup wrote above its entry.
    public static let legacyMarker = "# PeeperFrog Create batch checker"
    /// Any job line running this script belongs to the Python checker.
    public static let legacyScriptName = "batch_checker.py"

    /// What a crontab holds of ours and of the old checker.
    public struct Findings: Sendable, Equatable {
        /// Our entry line, as written (nil when absent or when the marker has no job line).
        public var managedLine: String?
        /// Our entry, parsed (nil when absent or not parseable).
        public var managedEntry: CrontabEntry?
        /// Whether the old Python checker is still scheduled.
        public var hasLegacyEntry: Bool
    }

    /// The crontab with exactly one pfc-jobs block for `entry`. It takes the place of the first
    /// existing pfc-jobs or Python-checker block, else goes at the end. Installing the same
    /// entry again returns the text unchanged.
    public static func installing(_ entry: CrontabEntry, into crontab: String) -> String {
        var document = Lines(crontab)
        let blocks = ownedBlocks(in: document.lines, includingLegacy: true)
        let block = [CrontabEntry.marker, entry.line]
        if let first = blocks.first {
            for range in blocks.reversed() { document.lines.removeSubrange(range) }
            document.lines.insert(contentsOf: block, at: first.lowerBound)
        } else {
            document.lines.append(contentsOf: block)
            document.endsWithNewline = true  // cron rejects a last line without a newline
        }
        return document.text
    }

    /// The crontab without pfc-jobs' block(s); everything else, including a Python-checker
    /// entry, is left alone.
    public static func removing(from crontab: String) -> String {
        var document = Lines(crontab)
        for range in ownedBlocks(in: document.lines, includingLegacy: false).reversed() {
            document.lines.removeSubrange(range)
        }
        return document.text
    }

    /// Our entry and whether the Python checker's is present.
    public static func findings(in crontab: String) -> Findings {
        let lines = Lines(crontab).lines
        var findings = Findings(managedLine: nil, managedEntry: nil, hasLegacyEntry: false)
        for range in ownedBlocks(in: lines, includingLegacy: true) {
            let isOurs = isMarker(lines[range.lowerBound], CrontabEntry.marker)
            if isOurs, findings.managedLine == nil, range.count == 2 {
                findings.managedLine = lines[range.upperBound - 1]
                findings.managedEntry = CrontabEntry(parsing: lines[range.upperBound - 1])
            } else if !isOurs {
                findings.hasLegacyEntry = true
            }
        }
        return findings
    }

    /// Index ranges of our blocks (marker + following job line) and, when asked, of the
    /// Python checker's (its marker + following job line, or any job line running its script).
    static func ownedBlocks(in lines: [String], includingLegacy: Bool) -> [Range<Int>] {
        var blocks: [Range<Int>] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let startsBlock = isMarker(line, CrontabEntry.marker) || (includingLegacy && isMarker(line, legacyMarker))
            if startsBlock {
                let end = index + 1 < lines.count && isJobLine(lines[index + 1]) ? index + 2 : index + 1
                blocks.append(index..<end)
                index = end
            } else if includingLegacy && isJobLine(line) && line.contains(legacyScriptName) {
                blocks.append(index..<(index + 1))
                index += 1
            } else {
                index += 1
            }
        }
        return blocks
    }

    static func isMarker(_ line: String, _ marker: String) -> Bool {
        line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(marker)
    }

    /// A schedule line: it starts with a time field or an `@` keyword (not a comment, a blank
    /// line or a `NAME=value` setting).
    static func isJobLine(_ line: String) -> Bool {
        guard let first = line.first(where: { $0 != " " && $0 != "\t" }) else { return false }
        return first.isNumber || first == "*" || first == "@"
    }

    /// Crontab text as lines plus whether it ended with a newline, so that joining gives back
    /// the same bytes.
    struct Lines {
        var lines: [String]
        var endsWithNewline: Bool

        init(_ text: String) {
            if text.isEmpty {
                lines = []
                endsWithNewline = false
                return
            }
            // Split on the scalar, not the Character: "\r\n" is one Character and would hide the break.
            var parts = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
                .map { String(String.UnicodeScalarView($0)) }
            endsWithNewline = text.unicodeScalars.last == "\n"
            if endsWithNewline { parts.removeLast() }
            lines = parts
        }

        var text: String {
            lines.isEmpty ? "" : lines.joined(separator: "\n") + (endsWithNewline ? "\n" : "")
        }
    }
}
