import Foundation
import JobStore
import PostgresClient
import Testing
import TestSupport

/// The backends the parameterized suites run on: SQLite always, PostgreSQL when `make test` started its
/// throwaway server (scripts/pg-test-server.sh exports PFC_TEST_POSTGRES_URL). Without the server the
/// PostgreSQL cases are not run, and ``PostgresAvailabilityTests`` reports them as skipped with the reason.
enum TestBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgresql

    /// The server's maintenance database URL, e.g. `postgresql://pfc@127.0.0.1:5433/postgres`.
    static let serverURL: String? = ProcessInfo.processInfo.environment["PFC_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static let skipReason = Comment(rawValue: "PFC_TEST_POSTGRES_URL is not set (no throwaway server: run `make test`, or "
        + "eval \"$(bash scripts/pg-test-server.sh start)\"): the PostgreSQL cases of the JobStore suites are skipped")

    /// What `@Test(arguments:)` runs over.
    static let available: [TestBackend] = serverURL == nil ? [.sqlite] : [.sqlite, .postgresql]

    var testDescription: String { rawValue }

    var storeBackend: StoreBackend { self == .sqlite ? .sqlite : .postgresql }
}

/// One empty database for one test: a file in a fresh folder, or a fresh database on the test server
/// (CREATE DATABASE from template0), dropped when the value goes away.
final class TestDatabase: Sendable {
    let backend: TestBackend
    let folder: TemporaryFolder
    /// What `JobStore(path:)` opens.
    let location: String
    /// The PostgreSQL database's name (nil on SQLite).
    let databaseName: String?

    init(_ backend: TestBackend) throws {
        self.backend = backend
        folder = try TemporaryFolder()
        switch backend {
        case .sqlite:
            location = folder.path("jobs.sqlite3")
            databaseName = nil
        case .postgresql:
            let server = try #require(TestBackend.serverURL, TestBackend.skipReason)
            let name = "pfc_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try Self.admin { try $0.executeScript("CREATE DATABASE \(name) TEMPLATE template0") }
            databaseName = name
            location = Self.url(server, database: name)
        }
    }

    /// Opens (creating and migrating) the store.
    func open(migrations: [Migration]? = nil) throws -> JobStore {
        try JobStore(path: location, migrations: migrations ?? JobStore.migrations(for: backend.storeBackend))
    }

    /// The backend's migrations.
    var migrations: [Migration] { JobStore.migrations(for: backend.storeBackend) }

    deinit {
        if let databaseName {
            try? Self.admin { try $0.executeScript("DROP DATABASE IF EXISTS \(databaseName) WITH (FORCE)") }
        }
    }

    /// A URL to `database` on the same server as `server`.
    static func url(_ server: String, database: String) -> String {
        let query = server.firstIndex(of: "?").map { String(server[$0...]) } ?? ""
        let base = String(server[..<(server.firstIndex(of: "?") ?? server.endIndex)])
        let authorityEnd = base.range(of: "://").map { base[$0.upperBound...].firstIndex(of: "/") ?? base.endIndex } ?? base.endIndex
        return String(base[..<authorityEnd]) + "/" + database + query
    }

    /// Runs `body` on a connection to the server's maintenance database.
    static func admin(_ body: (PostgresConnection) throws -> Void) throws {
        let server = try #require(TestBackend.serverURL, TestBackend.skipReason)
        let connection = try PostgresConnection(url: PostgresURL(server))
        defer { connection.close() }
        try body(connection)
    }
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
