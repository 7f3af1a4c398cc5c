import Foundation
import Testing
import JobStore

/// Cron passes no environment: without GEMINI_API_KEY (and no .env file) a run must say so once and
/// leave every job alone.
@Suite struct MissingKeyTests {
    @Test func checkWithoutKeyExitsOneWithOneErrorLineAndTouchesNoJob() async throws {
        try await withCheckerSetup("nokey") { workspace, emulator in
            let name = try await emulator.createBatch(items: 1)
            try workspace.writeConfig(emulator: emulator)
            try workspace.writeLegacyTrackingFile(ids: [name])
            #expect(try await workspace.run(["import-json"]).status == 0)
            let before = try #require(try workspace.openStore().job(id: name))
            let trackingBefore = try Data(contentsOf: workspace.trackingFile)

            let result = try await workspace.run(["check"], withKey: false)
            #expect(result.status == 1, "\(result.summary)")
            #expect(result.stderr.contains("GEMINI_API_KEY"), "\(result.summary)")

            let errorLines = workspace.logText().split(separator: "\n").filter { $0.contains("[ERROR]") }
            #expect(errorLines.count == 1, "\(errorLines)")
            #expect(errorLines.first?.contains("GEMINI_API_KEY") == true)

            let after = try #require(try workspace.openStore().job(id: name))
            #expect(after == before, "the job changed: \(before) -> \(after)")
            #expect(try Data(contentsOf: workspace.trackingFile) == trackingBefore)
            #expect(try await emulator.stats().totalRequests == 0, "no API request without a key")
            #expect(workspace.files(in: workspace.originalFolder).isEmpty)
        }
    }
}
