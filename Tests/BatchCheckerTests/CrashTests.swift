import Foundation
import Testing
import BatchChecker
import Digests
import JobStore
import TestSupport

/// Runs killed at any moment (power cut, OOM killer, `kill -9`) leave nothing half-done that a later
/// run cannot finish: no partial or temporary files, no duplicates, every recorded digest true. On both
/// backends: a killed process's PostgreSQL connection dies with it, its open transaction rolled back by the server.
@Suite struct CrashTests {
    static let leaseSeconds = 30

    @Test(arguments: TestBackend.available)
    func runsKilledAtRandomMomentsThenOneCleanRunRetrieveEverything(_ backend: TestBackend) async throws {
        try await withCheckerSetup("crash", backend: backend, emulatorArguments: ["--image-size", "192x160", "--polls-until-done", "1", "--latency-ms", "40"]) { workspace, emulator in
            try await emulator.control("/_emulator/config", ["inlineLimit": 2])
            var names: [String] = []
            var expectedImages = 0
            for index in 0..<60 {
                let items = 1 + index % 4
                names.append(try await emulator.createBatch(items: items))
                expectedImages += items
            }
            // Every job asks for WebP, so a killed run may be caught between any two of its writes.
            for (number, name) in names.enumerated() {
                try workspace.writeLegacyRequest(id: name, ["prompt": "crash prompt \(number)", "convert_to_webp": true, "webp_quality": 85])
            }
            try workspace.writeConfig(emulator: emulator, ["lease_seconds": Self.leaseSeconds, "claim_batch_size": 2])
            try workspace.writeLegacyTrackingFile(ids: names)
            #expect(try await workspace.run(["import-json"]).status == 0)

            var generator = SystemRandomNumberGenerator()
            var killedWhileRunning = 0
            // "Found N pending batch job(s)" with N > 0: the run holds claims and is working on them.
            func retrievalsLogged() -> Int {
                workspace.logText().components(separatedBy: "pending batch job(s)\n").count
                    - workspace.logText().components(separatedBy: "Found 0 pending batch job(s)").count
            }
            for attempt in 0..<20 {
                let before = retrievalsLogged()
                // Each run takes a few jobs, so every run has work to be caught in the middle of.
                let run = try workspace.start(["check", "--limit", "3"])
                if attempt % 4 == 0 {
                    // Now and then a kill during start-up, before anything is claimed.
                    try await Task.sleep(for: .milliseconds(Int.random(in: 1...40, using: &generator)))
                } else {
                    // Otherwise once the run holds claims (polled, bounded), after a random moment.
                    let clock = ContinuousClock()
                    let deadline = clock.now + .seconds(20)
                    while run.isRunning, retrievalsLogged() == before, clock.now < deadline {
                        try await Task.sleep(for: .milliseconds(2))
                    }
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0...300, using: &generator)))
                }
                if run.isRunning { killedWhileRunning += 1 }
                run.kill()
                let result = try await run.wait(timeout: .seconds(30))
                #expect(result.wasSignalled || result.status == 0, "\(result.summary)")
            }
            #expect(killedWhileRunning >= 10, "only \(killedWhileRunning) of 20 runs were still running when killed")
            let store = try workspace.openStore()
            #expect(store.backend == backend.storeBackend, "the runs worked on \(store.backend), not \(backend)")
            let pendingAfterKills = try store.jobCounts()[.pending, default: 0]

            // What cron's next run after a crash sees: the crashed runs' leases have expired and their
            // temporary files are older than a lease. The clean run's clock is moved past that, not waited for.
            let leasesHeld = try store.jobs().compactMap(\.job.leaseExpiresAt).filter { $0.date > Date() }.count
            let leftoversBefore = workspace.temporaryLeftovers().count
            print("crash (\(backend)): \(killedWhileRunning) of 20 runs killed mid-run; \(pendingAfterKills) of \(names.count) jobs pending, \(leasesHeld) leases held, \(leftoversBefore) temporary files before the clean run")
            let clean = try await workspace.run(["check"], clockOffset: Double(Self.leaseSeconds) * 2 + 5)
            #expect(clean.status == 0, "\(clean.summary)")

            let jobs = try store.jobs()
            let unfinished = jobs.filter { $0.job.status != .completed }
            #expect(unfinished.isEmpty, "\(pendingAfterKills) pending after the kills; left: \(unfinished.prefix(5).map { ($0.job.id, $0.job.status, $0.job.lastError ?? "") })")
            #expect(workspace.temporaryLeftovers().isEmpty, "\(workspace.temporaryLeftovers().prefix(5))")

            var recordedOriginals = Set<String>()
            var recordedWebPs = Set<String>()
            for listing in jobs {
                for image in try store.images(jobID: listing.job.id) {
                    #expect(image.state == .done, "\(listing.job.id) \(image.requestKey): \(image.error ?? "")")
                    guard let path = image.originalPath, let digest = image.sha256 else { continue }
                    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                    #expect(SHA256.hex(of: bytes) == digest, "\(path) does not match its recorded sha256")
                    #expect(Int64(bytes.count) == image.bytes)
                    recordedOriginals.insert(URL(fileURLWithPath: path).lastPathComponent)
                    if let webp = image.webpPath { recordedWebPs.insert(URL(fileURLWithPath: webp).lastPathComponent) }
                    #expect(FileManager.default.fileExists(atPath: image.originalSidecarPath ?? "/nonexistent"))
                }
            }
            #expect(recordedOriginals.count == expectedImages)
            // No duplicate: every file on disk is the one its record names.
            #expect(Set(workspace.files(in: workspace.originalFolder)) == recordedOriginals)
            #expect(Set(workspace.files(in: workspace.webpFolder)) == recordedWebPs)
            #expect(recordedWebPs.count == expectedImages)
            #expect(workspace.files(in: workspace.jsonFolder).count == 2 * expectedImages)
        }
    }
}
