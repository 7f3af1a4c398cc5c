import Foundation
import Testing
@testable import JobStore

@Suite("Claims across processes") struct MultiProcessClaimTests {
    /// Several real claim-worker processes drain one database at once: every job is handed out exactly once.
    @Test(arguments: [6])
    func everyJobIsHandedOutExactlyOnce(workers: Int) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("jobs.sqlite3")
        let store = try JobStore(path: path)
        let ids = try seedJobs(store, count: 1200, now: Date().addingTimeInterval(-60))
        let worker = try builtExecutable("claim-worker")

        var processes: [(process: Process, out: URL, err: URL)] = []
        for n in 0..<workers {
            let out = folder.url.appendingPathComponent("out-\(n).txt")
            let err = folder.url.appendingPathComponent("err-\(n).txt")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            let process = Process()
            process.executableURL = worker
            process.arguments = ["--db", path, "--owner", "worker-\(n)", "--batch", "\(3 + n % 5)", "--lease", "300", "--loop"]
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            processes.append((process, out, err))
        }
        for entry in processes { try entry.process.run() }

        // Poll with a bound; a hung worker is killed (SIGKILL: children inherit a blocked SIGTERM) and fails the test.
        let deadline = Date().addingTimeInterval(180)
        while processes.contains(where: { $0.process.isRunning }), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        for entry in processes where entry.process.isRunning {
            kill(entry.process.processIdentifier, SIGKILL)
            Issue.record("claim-worker \(entry.process.processIdentifier) did not finish in time")
        }
        for entry in processes { entry.process.waitUntilExit() }

        var handedOut: [String] = []
        for entry in processes {
            let errors = try String(contentsOf: entry.err, encoding: .utf8)
            #expect(entry.process.terminationStatus == 0, "worker failed: \(errors)")
            #expect(errors.isEmpty, "worker reported: \(errors)")
            let lines = try String(contentsOf: entry.out, encoding: .utf8).split(separator: "\n")
            for line in lines {
                let fields = line.split(separator: " ")
                #expect(fields.count == 2 && fields[1] == "1", "unexpected line or token: \(line)")
                handedOut.append(String(fields[0]))
            }
        }
        let counted = Dictionary(handedOut.map { ($0, 1) }, uniquingKeysWith: +)
        #expect(counted.filter { $0.value > 1 }.isEmpty, "handed out twice: \(counted.filter { $0.value > 1 }.keys.sorted().prefix(5))")
        #expect(Set(handedOut) == Set(ids))
        #expect(handedOut.count == ids.count)
        #expect(processes.filter { !((try? String(contentsOf: $0.out, encoding: .utf8)) ?? "").isEmpty }.count > 1,
                "the work was actually shared")

        let rows = try store.jobs(order: .id)
        #expect(rows.allSatisfy { $0.job.status == .completed && $0.job.fencingToken == 1 && $0.job.leaseOwner == nil })
        #expect(try store.integrityCheck() == [])
    }
}
