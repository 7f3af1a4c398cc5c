import BatchChecker
import Foundation

/// Progress bars on a terminal's stderr, one line per job being downloaded or retrieved: bytes of the batch
/// answer with the rate while it streams, then images done of the batch's total with an estimate of the time
/// left. Redrawn at most ten times a second; `end()` clears it so the run's summary is the last line left.
final class ProgressBoard: @unchecked Sendable {
    // @unchecked Sendable: `rows`, `order`, `drawnLines` and `lastDraw` are only touched while holding `lock`.
    private struct Row {
        var started = Date()
        var received: Int64 = 0
        var expected: Int64 = 0
        var done = 0
        var total: Int?
        var retrievingSince: Date?
    }

    private let lock = NSLock()
    private var rows: [String: Row] = [:]
    private var order: [String] = []
    private var drawnLines = 0
    private var lastDraw = Date.distantPast
    private let write: @Sendable (String) -> Void
    private let width = 28
    /// Status answers smaller than this are not worth a bar.
    private let minimumShownBytes: Int64 = 1 << 20

    init(write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.write = write
    }

    func update(_ event: CheckProgress) {
        lock.withLock {
            switch event {
            case .downloading(let job, let received, let expected):
                guard max(received, expected) >= minimumShownBytes || rows[job] != nil else { return }
                var row = rows[job] ?? Row()
                row.received = received
                row.expected = expected
                set(job, row)
            case .retrieving(let job, let done, let total):
                var row = rows[job] ?? Row()
                if row.retrievingSince == nil { row.retrievingSince = Date() }
                row.done = done
                row.total = total
                set(job, row)
            case .finished(let job):
                rows[job] = nil
                order.removeAll { $0 == job }
                draw(force: true)
                return
            }
            draw(force: false)
        }
    }

    /// Clears every bar.
    func end() {
        lock.withLock {
            rows = [:]
            order = []
            draw(force: true)
        }
    }

    private func set(_ job: String, _ row: Row) {
        if rows[job] == nil { order.append(job) }
        rows[job] = row
    }

    private func draw(force: Bool) {
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        var text = drawnLines > 0 ? "\u{1B}[\(drawnLines)F" : "\r"
        let lines = order.compactMap { job in rows[job].map { line(job, $0, now: now) } }
        for line in lines { text += "\u{1B}[2K\(line)\n" }
        // Lines left over from a longer board are cleared.
        for _ in lines.count..<max(lines.count, drawnLines) { text += "\u{1B}[2K\n" }
        let extra = max(0, drawnLines - lines.count)
        if extra > 0 { text += "\u{1B}[\(extra)F" }
        drawnLines = lines.count
        write(text)
    }

    private func line(_ job: String, _ row: Row, now: Date) -> String {
        let name = job.count > 24 ? "…" + job.suffix(23) : job
        if let since = row.retrievingSince {
            let total = row.total ?? 0
            let fraction = total > 0 ? Double(row.done) / Double(total) : 0
            let elapsed = now.timeIntervalSince(since)
            var eta = ""
            if row.done > 0, total > row.done {
                eta = ", ETA " + Self.duration(elapsed / Double(row.done) * Double(total - row.done))
            }
            let of = total > 0 ? " of \(total)" : ""
            return "\(name) \(bar(fraction)) \(row.done)\(of) images\(eta)"
        }
        let elapsed = max(now.timeIntervalSince(row.started), 0.001)
        let rate = Double(row.received) / elapsed
        let fraction = row.expected > 0 ? Double(row.received) / Double(row.expected) : 0
        let of = row.expected > 0 ? " of \(Self.bytes(Double(row.expected)))" : ""
        return "\(name) \(bar(fraction)) \(Self.bytes(Double(row.received)))\(of), \(Self.bytes(rate))/s"
    }

    private func bar(_ fraction: Double) -> String {
        let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    static func bytes(_ value: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var amount = value
        var unit = 0
        while amount >= 1000, unit < units.count - 1 { amount /= 1000; unit += 1 }
        return unit == 0 ? "\(Int(amount)) B" : String(format: "%.1f %@", amount, units[unit])
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
                             : String(format: "%d:%02d", total / 60, total % 60)
    }
}
