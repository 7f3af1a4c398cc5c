import ArgumentParser
import Foundation
import Housekeeping
import OrderedJSON

struct CostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "What the jobs cost: estimated and actual USD, images retrieved and failed, per month, day, model or job.",
        discussion: """
        Estimates are what submit recorded (batch prices of its price table); a job without one (legacy jobs, \
        models the table does not price) is counted as unpriced. Actual costs are what check recorded from the \
        results' token counts, summed over the jobs that have one. A job counts in the month and day it was \
        submitted, local time. Jobs never sent to the API are left out.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("Only jobs submitted in this month.", valueName: "YYYY-MM"))
    var month: String?

    @Option(help: "One line per month (default), day, model or job.")
    var by: CostGrouping = .month

    @Flag(help: "Print JSON for scripts.")
    var json = false

    func run() throws {
        let month = try month.map { text throws(HousekeepingError) in try LedgerMonth.parse(text, option: "--month") }
        let report: CostReport
        if let store = try CommandContext.openExisting(options)?.store {
            report = try CostLedger(store: store).report(grouping: by, month: month)
        } else {
            report = .empty(grouping: by, month: month)
        }
        print(json ? Self.json(report) : Self.table(report))
    }

    static func json(_ report: CostReport) -> String {
        func object(_ line: CostLine, isTotal: Bool) -> JSONValue {
            var object = JSONObject()
            if !isTotal {
                object[report.grouping.rawValue] = JSONValue(line.key)
                if report.grouping == .job {
                    object["day"] = JSONValue(line.day)
                    object["model"] = JSONValue(line.model)
                    object["status"] = JSONValue(line.status)
                }
            }
            object["jobs"] = JSONValue(line.jobs)
            object["images_retrieved"] = JSONValue(line.imagesRetrieved)
            object["images_failed"] = JSONValue(line.imagesFailed)
            object["estimated_cost_usd"] = JSONValue(line.estimatedUSD)
            object["jobs_without_estimate"] = JSONValue(line.jobsWithoutEstimate)
            object["actual_cost_usd"] = line.actualUSD.map(JSONValue.init) ?? .null
            object["jobs_with_actual_cost"] = JSONValue(line.jobsWithActualCost)
            return .object(object)
        }
        var document = JSONObject()
        document["by"] = JSONValue(report.grouping.rawValue)
        document["month"] = JSONValue(report.month?.text)
        document["currency"] = JSONValue("USD")
        document["lines"] = .array(report.lines.map { object($0, isTotal: false) })
        document["total"] = object(report.total, isTotal: true)
        return JSONValue.object(document).serialized(style: .pretty)
    }

    static func table(_ report: CostReport) -> String {
        guard !report.lines.isEmpty else {
            return report.month.map { "No jobs submitted in \($0.text)." } ?? "No jobs."
        }
        func money(_ usd: Double) -> String { "$" + String(format: "%.4f", usd) }
        func cells(_ line: CostLine, isTotal: Bool) -> [String] {
            var estimated = money(line.estimatedUSD)
            if line.jobsWithoutEstimate > 0 { estimated += " (\(line.jobsWithoutEstimate) unpriced)" }
            var actual = line.actualUSD.map(money) ?? "-"
            if line.actualUSD != nil, line.jobsWithActualCost < line.jobs { actual += " (\(line.jobsWithActualCost) of \(line.jobs) jobs)" }
            var row = [line.key]
            if report.grouping == .job { row += isTotal ? ["", "", ""] : [line.day ?? "-", line.model ?? "-", line.status ?? "-"] }
            return row + [String(line.jobs), String(line.imagesRetrieved), String(line.imagesFailed), estimated, actual]
        }
        var header = [report.grouping.rawValue.uppercased()]
        if report.grouping == .job { header += ["DAY", "MODEL", "STATUS"] }
        header += ["JOBS", "IMAGES", "FAILED", "ESTIMATED", "ACTUAL"]
        let rows = report.lines.map { cells($0, isTotal: false) } + [cells(report.total, isTotal: true)]
        return JobPresentation.table(header: header, rows: rows)
    }
}

extension CostGrouping: ExpressibleByArgument {}
