import Foundation
import Testing
@testable import JobStore

/// A fresh folder under the system temp dir, removed when the value goes away.
final class TemporaryFolder: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("jobstore-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A fixed instant so schedules are exact.
let t0 = Date(timeIntervalSince1970: 1_770_000_000)

extension Date {
    func plus(_ seconds: Double) -> Date { addingTimeInterval(seconds) }
}

/// The repository root, found from this file's location.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// An executable built by this package, next to the test bundle.
func builtExecutable(_ name: String) throws -> URL {
    let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var folder = testBinary.deletingLastPathComponent()
    // On macOS the test binary sits inside an .xctest bundle; the products are beside the bundle.
    while folder.pathExtension == "xctest" || folder.lastPathComponent == "MacOS" || folder.lastPathComponent == "Contents" {
        folder = folder.deletingLastPathComponent()
    }
    let candidate = folder.appendingPathComponent(name)
    guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
        throw TestFailure("\(name) not found at \(candidate.path); run `swift build` first")
    }
    return candidate
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
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
