import Foundation
import Testing
import TestSupport
import JobStore

/// Hostile answers against the real binary, its peak memory measured by /usr/bin/time: a huge status answer and
/// a huge image are settled in bounded memory, and a killed run's download is removed by the next run.
@Suite(.serialized) struct BoundedMemoryTests {
    /// Runs `pfc-jobs check` under `/usr/bin/time` and returns the run and its peak RSS in MB.
    static func measuredCheck(_ workspace: Workspace) async throws -> (run: CommandRun, peakMB: Int) {
        let child = try ChildProcess(executable: URL(fileURLWithPath: "/usr/bin/time"),
                                     arguments: ["-f", "peak-rss-kb=%M", Executables.pfcJobs.path, "check",
                                                 "--config", workspace.configFile.path],
                                     environment: workspace.environment(), directory: workspace.root, logFolder: workspace.root)
        let run = try await child.wait(timeout: .seconds(300))
        let kilobytes = run.stderr.components(separatedBy: "peak-rss-kb=").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? -1
        return (run, kilobytes / 1024)
    }

    static func submit(_ workspace: Workspace, _ prompt: String) async throws -> String {
        let submitted = try await workspace.run(["submit", "--prompt", prompt, "--model", "gemini-3.1-flash-image"])
        #expect(submitted.status == 0, "\(submitted.summary)")
        return submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n").last ?? ""
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
    func aTwoHundredMegabyteStatusAnswerLeavesTheJobPendingInLittleMemory() async throws {
        try await withCheckerSetup("status-200mb", emulatorArguments: ["--image-size", "32x32", "--polls-until-done", "1000"]) { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let job = try await Self.submit(workspace, "endless [emu:status-padding-200000000]")
            let (run, peak) = try await Self.measuredCheck(workspace)
            #expect(run.status == 0, "\(run.summary)")
            let stored = try #require(try workspace.openStore().job(id: job))
            #expect(stored.status == .pending)
            #expect(stored.lastError?.contains("larger than") == true, "\(stored.lastError ?? "no error")")
            #expect(peak > 0 && peak < 150, "peak RSS \(peak) MB")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/time")))
    func a16384PixelImageIsSettledInOneRunKeepingTheOriginal() async throws {
        try await withCheckerSetup("image-16k") { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            let job = try await Self.submit(workspace, "a vast plain [emu:image-16384x16384]")
            let (run, peak) = try await Self.measuredCheck(workspace)
            #expect(run.status == 0, "\(run.summary)")
            let stored = try #require(try workspace.openStore().job(id: job))
            #expect(stored.status == .completed, "\(stored.lastError ?? "")")
            #expect(stored.attempts == 0)
            let image = try #require(try workspace.openStore().images(jobID: job).first)
            #expect(image.state == .done)
            #expect(image.webpPath == nil)
            #expect(image.error?.contains("WebP not made: 16384x16384") == true, "\(image.error ?? "no note")")
            #expect(FileManager.default.fileExists(atPath: image.originalPath ?? "/nonexistent"))
            #expect(peak > 0 && peak < 400, "peak RSS \(peak) MB")
        }
    }

    @Test func aKilledRunsDownloadIsRemovedByTheNextRun() async throws {
        try await withCheckerSetup("killed-download", emulatorArguments: ["--image-size", "32x32", "--polls-until-done", "1"]) { workspace, emulator in
            try workspace.writeConfig(emulator: emulator)
            _ = try await Self.submit(workspace, "slow to answer [emu:hang-60000]")
            let downloads = workspace.metadataFolder.appendingPathComponent("downloads")
            let child = try workspace.start(["check"])
            // The answer's file exists once the GET is under way; poll for it (bounded), then kill the run.
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(60)
            while workspace.files(in: downloads).isEmpty, clock.now < deadline, child.isRunning {
                try await Task.sleep(for: .milliseconds(20))
            }
            let left = workspace.files(in: downloads)
            child.kill()
            _ = try? await child.wait(timeout: .seconds(10))
            #expect(left.count == 1, "downloads: \(left)")
            #expect(workspace.files(in: downloads) == left)

            // The next run removes the dead run's file at its start (the job itself is still leased to the dead
            // run, so this run asks nothing about it).
            let next = try await workspace.run(["check"])
            #expect(next.status == 0, "\(next.summary)")
            #expect(!workspace.files(in: downloads).contains { left.contains($0) })
            #expect(workspace.logText().contains("download(s) a crashed run left"))
        }
    }
}
