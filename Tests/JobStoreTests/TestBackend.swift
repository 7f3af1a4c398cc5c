import Foundation
import JobStore
import PostgresClient
import Testing
import TestSupport

// TestBackend and TestDatabase live in TestSupport (the checker's multi-process tests use them too); what
// needs Swift Testing stays here.

extension TestBackend {
    /// ``TestBackend/skipReasonText`` as the comment of a skipped test.
    static let skipReason = Comment(rawValue: skipReasonText)
}

@Suite("PostgreSQL test server") struct PostgresAvailabilityTests {
    /// Reported as skipped, with the reason, when there is no server: the PostgreSQL cases never pass silently.
    @Test(.enabled(if: TestBackend.serverURL != nil, TestBackend.skipReason))
    func theThrowawayServerAnswers() throws {
        try TestDatabase.admin { connection in
            let result = try connection.execute("SELECT current_setting('server_version_num')::int, now()")
            #expect((result.int64(0, 0) ?? 0) >= 120_000)
        }
    }
}

extension TestDatabase {
    /// What "unchanged" means on the backend: the file's bytes on SQLite; on PostgreSQL every row of every
    /// table, read straight over libpq (the server's files are not ours to compare, and a store might refuse
    /// to open the database).
    func contents() throws -> Data {
        if backend == .sqlite { return try fileBytes(location) }
        let connection = try PostgresConnection(url: PostgresURL(location))
        defer { connection.close() }
        let tables = try connection.execute("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name
            """)
        var text = ""
        for row in 0..<tables.rowCount {
            let table = tables.string(row, 0)!
            let rows = try connection.execute("SELECT * FROM \(table) ORDER BY 1")
            text += "\(table) \(rows.columnNames)\n\(rows.values)\n"
        }
        return Data(text.utf8)
    }
}
