import Foundation
import Testing
import TestSupport
@testable import JobStore

@Suite("Claims across processes") struct MultiProcessClaimTests {
    struct Finished {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts one claim-worker per argument list, all at once, and waits for all of them with a bound.
    func runWorkers(_ argumentLists: [[String]], in folder: TemporaryFolder) throws -> [Finished] {
        let worker = try Executables.require("claim-worker")
        var running: [(process: Process, out: URL, err: URL)] = []
        for (n, arguments) in argumentLists.enumerated() {
            let out = folder.url.appendingPathComponent("out-\(n).txt")
            let err = folder.url.appendingPathComponent("err-\(n).txt")
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
            _ = FileManager.default.createFile(atPath: err.path, contents: nil)
            let process = Process()
            process.executableURL = worker
            process.arguments = arguments
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            running.append((process, out, err))
        }
        for entry in running { try entry.process.run() }

        // Poll with a bound; a hung worker is killed (SIGKILL: children inherit a blocked SIGTERM) and fails the test.
        let deadline = Date().addingTimeInterval(180)
        while running.contains(where: { $0.process.isRunning }), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        for entry in running where entry.process.isRunning {
            kill(entry.process.processIdentifier, SIGKILL)
            Issue.record("claim-worker \(entry.process.processIdentifier) did not finish in time")
        }
        return try running.map { entry in
            entry.process.waitUntilExit()
            return Finished(status: entry.process.terminationStatus,
                            stdout: try String(contentsOf: entry.out, encoding: .utf8),
                            stderr: try String(contentsOf: entry.err, encoding: .utf8))
        }
    }

    /// Several real claim-worker processes drain one database at once: every job is handed out exactly once,
    /// and none of them meets SQLITE_BUSY (nor, on PostgreSQL, waits on another's rows: SKIP LOCKED).
    @Test(arguments: TestBackend.available) func everyJobIsHandedOutExactlyOnce(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let folder = database.folder
        let path = database.location
        let store = try database.open()
        let ids = try seedJobs(store, count: 1200, now: Date().addingTimeInterval(-60))

        let results = try runWorkers((0..<6).map { n in
            ["--db", path, "--owner", "worker-\(n)", "--batch", "\(3 + n % 5)", "--lease", "300", "--loop"]
        }, in: folder)

        var handedOut: [String] = []
        for result in results {
            #expect(result.status == 0, "worker failed: \(result.stderr)")
            #expect(result.stderr.isEmpty, "worker reported: \(result.stderr)")
            for line in result.stdout.split(separator: "\n") {
                let fields = line.split(separator: " ")
                #expect(fields.count == 2 && fields[1] == "1", "unexpected line or token: \(line)")
                handedOut.append(String(fields[0]))
            }
        }
        let counted = Dictionary(handedOut.map { ($0, 1) }, uniquingKeysWith: +)
        let twice = counted.filter { $0.value > 1 }.keys.sorted()
        #expect(twice.isEmpty, "handed out more than once: \(twice.prefix(5))")
        #expect(Set(handedOut) == Set(ids))
        #expect(handedOut.count == ids.count)
        #expect(results.filter { !$0.stdout.isEmpty }.count > 1, "the work was actually shared")

        let rows = try store.jobs(order: .id)
        #expect(rows.allSatisfy { $0.job.status == .completed && $0.job.fencingToken == 1 && $0.job.leaseOwner == nil })
        #expect(try store.integrityCheck() == [])
    }

    /// Processes that open a brand-new database at the same moment migrate it exactly once.
    @Test(arguments: TestBackend.available) func concurrentFirstOpensMigrateOnce(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let folder = database.folder
        let path = backend == .sqlite ? folder.path("new/jobs.sqlite3") : database.location
        let results = try runWorkers((0..<6).map { n in ["--db", path, "--seed", "50", "--prefix", "p\(n)/"] },
                                     in: folder)
        for result in results {
            #expect(result.status == 0 && result.stderr.isEmpty, "worker failed: \(result.stderr)")
        }
        let store = try JobStore(path: path)
        #expect(try store.appliedMigrations().map(\.version) == JobStore.migrations.map(\.version))
        #expect(try store.jobCounts() == [.pending: 300])
    }

    /// Workers killed (SIGKILL) at random moments, some inside a transaction, lose and duplicate nothing: once
    /// their leases run out a clean worker finishes what they held, and every job is finished exactly once.
    @Test(arguments: TestBackend.available) func killedWorkersLoseAndDuplicateNothing(_ backend: TestBackend) throws {
        let database = try TestDatabase(backend)
        let store = try database.open()
        let ids = try seedJobs(store, count: 400, now: Date().addingTimeInterval(-60))
        let worker = try Executables.require("claim-worker")
        let workers = try (0..<6).map { n -> Process in
            let process = Process()
            process.executableURL = worker
            process.arguments = ["--db", database.location, "--owner", "doomed-\(n)", "--batch", "4", "--lease", "2", "--loop"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        // Random moments, not waits for a state: the point is to cut the workers off anywhere.
        for process in workers {
            Thread.sleep(forTimeInterval: Double.random(in: 0.01...0.15))
            kill(process.processIdentifier, SIGKILL)
        }
        for process in workers { process.waitUntilExit() }
        #expect(workers.allSatisfy { $0.terminationReason == .uncaughtSignal || $0.terminationStatus == 0 })
        let cutOff = try store.jobCounts()
        print("killedWorkersLoseAndDuplicateNothing(\(backend)): the killed workers left \(cutOff[.completed, default: 0]) completed, "
              + "\(cutOff[.pending, default: 0]) pending")

        // The clean run, 3 s in the future: every lease the killed workers held (2 s) has expired for it, so
        // one run takes whatever they left, without waiting for real time to pass.
        let clean = try runWorkers([["--db", database.location, "--owner", "clean", "--batch", "20", "--lease", "60", "--loop",
                                     "--clock-offset", "3"]], in: database.folder)
        for result in clean { #expect(result.status == 0 && result.stderr.isEmpty, "clean worker: \(result.stderr)") }
        #expect(try store.jobCounts() == [.completed: ids.count])
        let finishedTwice = try ids.filter { try store.events(jobID: $0).filter { $0.kind == .completed }.count != 1 }
        #expect(finishedTwice.isEmpty, "finished other than once: \(finishedTwice.prefix(5))")
        #expect(try store.jobs().allSatisfy { $0.job.leaseOwner == nil })
        #expect(try store.integrityCheck() == [])
    }
}
