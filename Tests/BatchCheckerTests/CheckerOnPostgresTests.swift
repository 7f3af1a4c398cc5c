import Foundation
import Testing
import TestSupport
import JobStore

extension TestBackend {
    /// ``TestBackend/skipReasonText`` as the comment of a skipped test.
    static let skipReason = Comment(rawValue: skipReasonText)
}

/// The checker's processes on a PostgreSQL job store named by `jobs_database`. The multi-process cases
/// (``OverlapTests``, ``CrashTests``) run over ``TestBackend/available``, which leaves PostgreSQL out without
/// the throwaway server; this test is then reported as skipped with the reason, so they never pass silently.
@Suite("Checker on PostgreSQL") struct CheckerOnPostgresTests {
    @Test(.enabled(if: TestBackend.serverURL != nil, TestBackend.skipReason))
    func aCheckRunUsesTheServerItsConfigNames() async throws {
        try await withCheckerSetup("pg-config", backend: .postgresql) { workspace, emulator in
            let name = try await emulator.createBatch(items: 2)
            try workspace.writeConfig(emulator: emulator)
            try workspace.writeLegacyTrackingFile(ids: [name])
            let imported = try await workspace.run(["import-json"])
            #expect(imported.status == 0, "\(imported.summary)")
            let check = try await workspace.run(["check"])
            #expect(check.status == 0, "\(check.summary)")

            // The run's state is on the server, and no SQLite file was made beside the images.
            #expect(!FileManager.default.fileExists(atPath: workspace.databasePath))
            let store = try workspace.openStore()
            #expect(store.backend == .postgresql)
            let jobs = try store.jobs()
            #expect(jobs.map(\.job.status) == [.completed], "\(jobs.map { ($0.job.id, $0.job.status, $0.job.lastError ?? "") })")
            #expect(try store.images(jobID: name).count == 2)
        }
    }
}
