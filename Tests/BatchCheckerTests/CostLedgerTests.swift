import Foundation
import Housekeeping
import JobStore
import Testing
import TestSupport

/// `cost`: the ledger's figures against the database itself, summed by Python's sqlite3 (not our code) from
/// the jobs' request metadata and image rows; through the library and through the binary.
@Suite struct CostLedgerTests {
    /// 2026-10-03 00:00:00 UTC.
    static let start = Date(timeIntervalSince1970: 1_790_985_600)

    /// 40 jobs over three months, written through the store's own paths (import, claim, images, finish): two
    /// models and legacy jobs (no `estimated_cost_usd`, only the old tool's `cost`: unpriced), unpriced ones, half
    /// with an actual cost, 1-4 images each, some failed; and one submit intent that never reached the API.
    static func seed(_ store: JobStore) throws {
        var entries: [JobImport] = []
        for index in 0..<40 {
            let submitted = start.addingTimeInterval(Double(index) * 2.2 * 86_400)
            var fields: [String] = []
            switch index % 3 {
            case 0: fields.append(#""model":"gemini-3-pro-image""#)
            case 1: fields.append(#""model":"gemini-3.1-flash-image""#)
            default: break   // legacy: no model, the old tool's cost
            }
            let estimate = 0.0672 * Double(1 + index % 4) + Double(index) / 1_000_000
            if index % 3 == 2 {
                fields.append(#""cost":\#(estimate)"#)
            } else {
                fields.append(index % 7 == 0 ? #""estimated_cost_usd":null"# : #""estimated_cost_usd":\#(estimate)"#)
                fields.append(#""cost":\#(estimate)"#)
            }
            if index % 2 == 0 { fields.append(#""actual_cost_usd":\#(estimate * 0.9)"#) }
            entries.append(JobImport(id: "batches/ledger\(index)", status: .pending, submittedAt: Timestamp(submitted),
                                     requestMetadataJSON: "{" + fields.joined(separator: ",") + "}"))
        }
        _ = try store.importJobs(entries, dryRun: false, now: start)
        _ = try store.createIntent(displayName: "never-sent", requestMetadataJSON: #"{"estimated_cost_usd":5.0}"#, now: start)
        let claims = try store.claimDueJobs(owner: "ledger-test", limit: 100, leaseSeconds: 600, now: start.addingTimeInterval(200 * 86_400))
        #expect(claims.count == 40)
        for claim in claims {
            let index = Int(claim.jobID.dropFirst("batches/ledger".count))!
            let keys = (0...(index % 4)).map { "req_\($0)" }
            try store.upsertPendingImages(claim, keys.enumerated().map { ImageRequest(key: $1, index: $0) })
            for (position, key) in keys.enumerated() {
                if position == 0, index % 3 == 1 {
                    try store.markImageFailed(claim, key: key, error: "blocked")
                } else {
                    try store.markImageDone(claim, key: key, files: ImageFiles(originalPath: "/x/\(index)-\(key).png", bytes: 1, sha256: "00"))
                }
            }
            try store.finish(claim, status: .completed, remoteState: "BATCH_STATE_SUCCEEDED")
        }
    }

    /// One line per group, as Python's sqlite3 sums it: (key, jobs, done, failed, estimate, unpriced, actual, with actual).
    typealias Expected = (key: String, jobs: Int, done: Int, failed: Int, estimated: Double, unpriced: Int, actual: Double?, withActual: Int)

    static func expected(_ path: String, groupBy: String, month: String? = nil) throws -> [Expected] {
        let when = "COALESCE(submitted_at, created_at) / 1000000, 'unixepoch'"
        let key = switch groupBy {
        case "month": "strftime('%Y-%m', \(when))"
        case "day": "strftime('%Y-%m-%d', \(when))"
        case "model": "COALESCE(json_extract(request_metadata, '$.model'), 'unknown')"
        default: "id"
        }
        let estimate = "json_extract(request_metadata, '$.estimated_cost_usd')"
        let filter = month.map { " AND strftime('%Y-%m', \(when)) = '\($0)'" } ?? ""
        let sql = """
            SELECT \(key) AS k, COUNT(*),
                   SUM((SELECT COUNT(*) FROM images WHERE job_id = jobs.id AND state = 'done')),
                   SUM((SELECT COUNT(*) FROM images WHERE job_id = jobs.id AND state = 'failed')),
                   TOTAL(\(estimate)), SUM((\(estimate)) IS NULL),
                   SUM(json_extract(request_metadata, '$.actual_cost_usd')), COUNT(json_extract(request_metadata, '$.actual_cost_usd'))
            FROM jobs WHERE id NOT LIKE 'local/%'\(filter) GROUP BY k ORDER BY k
            """
        let script = "import sqlite3,sys,json\nprint(json.dumps(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchall()))"
        let sum = try ProgramRun.python(script, [path, sql])
        guard sum.status == 0, let rows = try JSONSerialization.jsonObject(with: sum.stdout) as? [[Any]] else {
            throw HarnessError.failed("python3 could not sum \(path)")
        }
        return rows.map { row in
            ("\(row[0])", row[1] as! Int, row[2] as! Int, row[3] as! Int, (row[4] as! NSNumber).doubleValue, row[5] as! Int,
             (row[6] as? NSNumber)?.doubleValue, row[7] as! Int)
        }
    }

    static func matches(_ line: CostLine, _ expected: Expected) -> Bool {
        line.key == expected.key && line.jobs == expected.jobs && line.imagesRetrieved == expected.done
            && line.imagesFailed == expected.failed && abs(line.estimatedUSD - expected.estimated) < 1e-6
            && line.jobsWithoutEstimate == expected.unpriced && line.jobsWithActualCost == expected.withActual
            && (line.actualUSD == nil) == (expected.actual == nil) && abs((line.actualUSD ?? 0) - (expected.actual ?? 0)) < 1e-6
    }

    @Test func theLedgerSumsAreTheDatabasesSums() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-ledger-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("jobs.sqlite3").path
        let store = try JobStore(path: path)
        try Self.seed(store)
        let ledger = CostLedger(store: store, timeZone: TimeZone(identifier: "UTC")!)

        for grouping in CostGrouping.allCases {
            let report = try ledger.report(grouping: grouping)
            var expected = try Self.expected(path, groupBy: grouping.rawValue)
            if grouping == .job {
                // The ledger lists jobs as submitted, Python by id: compare as sets of lines.
                expected.sort { $0.key < $1.key }
                #expect(report.lines.map(\.key).sorted() == expected.map(\.key))
            }
            let lines = grouping == .job ? report.lines.sorted { $0.key < $1.key } : report.lines
            #expect(lines.count == expected.count, "\(grouping)")
            for (line, wanted) in zip(lines, expected) { #expect(Self.matches(line, wanted), "\(grouping): \(line) vs \(wanted)") }
            #expect(report.total.jobs == 40, "the intent that never reached the API costs nothing")
            #expect(abs(report.total.estimatedUSD - expected.reduce(0) { $0 + $1.estimated }) < 1e-6)
        }
        let months = try ledger.report(grouping: .month).lines.map(\.key)
        #expect(months == ["2026-10", "2026-11", "2026-12"], "\(months)")
        let november = try ledger.report(grouping: .day, month: LedgerMonth(year: 2026, month: 11))
        let expectedNovember = try Self.expected(path, groupBy: "day", month: "2026-11")
        #expect(november.lines.count == expectedNovember.count && november.lines.count > 5)
        for (line, wanted) in zip(november.lines, expectedNovember) { #expect(Self.matches(line, wanted), "\(line) vs \(wanted)") }
        #expect(november.lines.allSatisfy { $0.key.hasPrefix("2026-11-") })
    }

    @Test func theCommandPrintsTheLedgerAndRefusesABadMonth() async throws {
        let workspace = try Workspace("cost-cli")
        defer { workspace.remove() }
        try workspace.writeConfig(emulator: nil)
        let store = try workspace.openStore()
        try Self.seed(store)
        try store.close()
        func cost(_ arguments: [String]) async throws -> CommandRun {
            var environment = workspace.environment(withKey: false)
            environment["TZ"] = "UTC"
            return try await ChildProcess(executable: Executables.pfcJobs, arguments: ["cost"] + arguments + ["--config", workspace.configFile.path],
                                          environment: environment, directory: workspace.root, logFolder: workspace.root)
                .wait(timeout: .seconds(60))
        }

        let json = try await cost(["--json", "--by", "model"])
        #expect(json.status == 0, "\(json.summary)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let lines = try #require(document["lines"] as? [[String: Any]])
        let expected = try Self.expected(workspace.databasePath, groupBy: "model")
        #expect(lines.map { $0["model"] as? String } == expected.map(\.key))
        for (line, wanted) in zip(lines, expected) {
            #expect(line["jobs"] as? Int == wanted.jobs && line["images_retrieved"] as? Int == wanted.done
                    && line["images_failed"] as? Int == wanted.failed && line["jobs_without_estimate"] as? Int == wanted.unpriced)
            #expect(abs((line["estimated_cost_usd"] as? Double ?? -1) - wanted.estimated) < 1e-6)
            #expect(abs((line["actual_cost_usd"] as? Double ?? -1) - (wanted.actual ?? -1)) < 1e-6)
        }
        let total = try #require(document["total"] as? [String: Any])
        #expect(total["jobs"] as? Int == 40)

        let table = try await cost(["--month", "2026-11"])
        #expect(table.status == 0, "\(table.summary)")
        let november = try Self.expected(workspace.databasePath, groupBy: "month", month: "2026-11")[0]
        #expect(table.stdout.contains("MONTH") && table.stdout.contains("ESTIMATED") && table.stdout.contains("2026-11"))
        #expect(table.stdout.contains("$" + String(format: "%.4f", november.estimated)), "\(table.stdout)")
        #expect(!table.stdout.contains("2026-10") && !table.stdout.contains("2026-12"))
        let empty = try await cost(["--month", "2025-01"])
        #expect(empty.status == 0 && empty.stdout.contains("No jobs submitted in 2025-01."))

        for (arguments, named) in [(["--month", "2026-13"], "--month 2026-13"), (["--month", "26-11"], "--month 26-11"),
                                   (["--month", "2026-1"], "--month 2026-1"), (["--by", "week"], "--by")] {
            let refused = try await cost(arguments)
            #expect(refused.status == 2, "\(arguments): \(refused.summary)")
            #expect(refused.stderr.contains(named), "\(arguments): \(refused.stderr)")
            #expect(refused.stdout.isEmpty)
        }
    }
}
