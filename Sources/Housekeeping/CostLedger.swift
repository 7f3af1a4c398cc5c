import Foundation
import JobStore
import LegacyFormat

/// What the jobs cost: the estimates `submit` recorded (`estimated_cost_usd`) and the actual costs the checker
/// recorded from the results' token counts (`actual_cost_usd`), with the images retrieved and failed, by month,
/// day, model or job. Read from the database alone (no API call); jobs never sent (unbound `local/...` intents)
/// cost nothing and are left out. A job without an estimate (a legacy job, which records only the old tool's
/// `cost` from its own price list, or a model the price table did not know) is counted as unpriced, not as zero.
///
/// ```swift
/// let report = try CostLedger(store: store).report(grouping: .day, month: LedgerMonth(year: 2026, month: 12))
/// for line in report.lines { print(line.key, line.estimatedUSD, line.actualUSD ?? 0) }
/// ```
/// A job belongs to the month and day it was submitted (its record time when no submit time is known), in
/// `timeZone`, the local one by default, as every other time pfc-jobs shows.
public struct CostLedger: Sendable {
    let store: JobStore
    let timeZone: TimeZone

    public init(store: JobStore, timeZone: TimeZone = .current) {
        self.store = store
        self.timeZone = timeZone
    }

    public func report(grouping: CostGrouping, month: LedgerMonth? = nil) throws -> CostReport {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var lines: [String: CostLine] = [:]
        var order: [String] = []
        for listing in try store.jobs(order: .submittedAscending) where !listing.job.isUnboundIntent {
            let job = listing.job
            let parts = calendar.dateComponents([.year, .month, .day], from: (job.submittedAt ?? job.createdAt).date)
            let (year, monthNumber, dayNumber) = (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
            if let month, month.year != year || month.month != monthNumber { continue }
            let day = String(format: "%04d-%02d-%02d", year, monthNumber, dayNumber)
            let metadata = job.requestMetadata
            let key: String
            switch grouping {
            case .month: key = String(day.prefix(7))
            case .day: key = day
            case .model: key = metadata.model ?? "unknown"
            case .job: key = job.id
            }
            if lines[key] == nil {
                var line = CostLine(key: key)
                if grouping == .job {
                    line.model = metadata.model
                    line.status = job.status.rawValue
                    line.day = day
                }
                lines[key] = line
                order.append(key)
            }
            lines[key]!.add(estimate: metadata.estimatedCostUSD, actual: metadata.actualCostUSD,
                            retrieved: listing.doneImageCount, failed: listing.failedImageCount)
        }
        // Months and days in calendar order, models by name, jobs as submitted.
        let keys = grouping == .job ? order : order.sorted()
        var total = CostLine(key: "total")
        var sorted: [CostLine] = []
        for key in keys {
            var line = lines[key]!
            total.add(line)
            line.round()
            sorted.append(line)
        }
        total.round()
        return CostReport(grouping: grouping, month: month, lines: sorted, total: total)
    }
}
