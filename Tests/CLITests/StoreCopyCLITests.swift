import Foundation
import Testing
import JobStore

/// `pfc-jobs store copy` through the binary: everything once, a repeat inserts nothing, a refused target is
/// left as it was, and a password in a URL is refused without being shown. (Copies to and from PostgreSQL
/// are the JobStore suite's `CopyTests`, over both backends.)
@Suite struct StoreCopyCLITests {
    @Test func aCopyThenARepeatThenARefusal() throws {
        let home = try OperatorCommandTests.Home()
        defer { try? FileManager.default.removeItem(at: home.root) }
        let source = home.root.appendingPathComponent("a.sqlite3").path
        let store = try JobStore(path: source)
        try store.insertMissingJobs((0..<25).map { JobImport(id: "batches/copy-\($0)", status: .pending) })
        try store.close()

        let first = try home.run(["store", "copy", "--from", "a.sqlite3", "--to", "b.sqlite3"])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("jobs: 25 in the source, 25 copied, 25 in the target"), "\(first.out)")
        let again = try home.run(["store", "copy", "--from", "a.sqlite3", "--to", "b.sqlite3"])
        #expect(again.status == 0 && again.out.contains("jobs: 25 in the source, 0 copied, 25 in the target"), "\(again.out)\(again.err)")
        #expect(try JobStore(path: home.root.appendingPathComponent("b.sqlite3").path).jobCounts() == [.pending: 25])

        // A target with jobs of its own: refused, unchanged, exit non-zero.
        let other = try JobStore(path: home.root.appendingPathComponent("c.sqlite3").path)
        try other.insertMissingJobs([JobImport(id: "batches/mine", status: .pending)])
        let refused = try home.run(["store", "copy", "--from", "a.sqlite3", "--to", "c.sqlite3"])
        #expect(refused.status != 0 && refused.err.contains("copy refused"), "\(refused.err)")
        #expect(try other.jobCounts() == [.pending: 1])

        let secret = try home.run(["store", "copy", "--from", "a.sqlite3", "--to", "postgresql://pfc:s3cret@127.0.0.1:1/jobs"])
        #expect(secret.status != 0 && secret.err.contains("PGPASSWORD"), "\(secret.err)")
        #expect(!secret.err.contains("s3cret") && !secret.out.contains("s3cret"))
    }
}
