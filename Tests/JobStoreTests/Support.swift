import Foundation
import Testing
@testable import JobStore
import TestSupport

/// A fixed instant so schedules are exact.
let t0 = Date(timeIntervalSince1970: 1_770_000_000)

extension Date {
    func plus(_ seconds: Double) -> Date { addingTimeInterval(seconds) }
}

/// Seeds `count` pending jobs due at `now`, ids `batches/job-0000`...
@discardableResult
func seedJobs(_ store: JobStore, count: Int, now: Date = t0, prefix: String = "batches/job-") throws -> [String] {
    let ids = (0..<count).map { prefix + String(format: "%04d", $0) }
    try store.insertMissingJobs(ids.map { JobImport(id: $0, status: .pending) }, now: now)
    return ids
}

/// The bytes of the database file, after closing the store that used it, so the WAL is checkpointed.
func fileBytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
}
