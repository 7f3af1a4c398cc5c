import Foundation
import JobStore
import PostgresClient

/// One empty database for one test: a file in a fresh folder, or a fresh database on the test server
/// (CREATE DATABASE from template0), dropped when the value goes away. Shared by the JobStore suites and
/// the checker's multi-process tests, so every PostgreSQL test database is made and removed the same way.
///
/// ```swift
/// let database = try TestDatabase(.postgresql)
/// let store = try database.open()   // or hand `database.location` to `pfc-jobs --db`
/// ```
public final class TestDatabase: Sendable {
    public let backend: TestBackend
    public let folder: TemporaryFolder
    /// What `JobStore(path:)` opens and `jobs_database`/`--db` names: the file's path or the database's URL.
    public let location: String
    /// The PostgreSQL database's name (nil on SQLite).
    public let databaseName: String?

    public init(_ backend: TestBackend) throws {
        self.backend = backend
        folder = try TemporaryFolder()
        switch backend {
        case .sqlite:
            location = folder.path("jobs.sqlite3")
            databaseName = nil
        case .postgresql:
            guard let server = TestBackend.serverURL else { throw TestFailure(TestBackend.skipReasonText) }
            let name = "pfc_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try Self.admin { try $0.executeScript("CREATE DATABASE \(name) TEMPLATE template0") }
            databaseName = name
            location = Self.url(server, database: name)
        }
    }

    /// Opens (creating and migrating) the store.
    public func open(migrations: [Migration]? = nil) throws -> JobStore {
        try JobStore(path: location, migrations: migrations ?? JobStore.migrations(for: backend.storeBackend))
    }

    /// The backend's migrations.
    public var migrations: [Migration] { JobStore.migrations(for: backend.storeBackend) }

    deinit {
        if let databaseName {
            try? Self.admin { try $0.executeScript("DROP DATABASE IF EXISTS \(databaseName) WITH (FORCE)") }
        }
    }

    /// A URL to `database` on the same server as `server`.
    public static func url(_ server: String, database: String) -> String {
        let query = server.firstIndex(of: "?").map { String(server[$0...]) } ?? ""
        let base = String(server[..<(server.firstIndex(of: "?") ?? server.endIndex)])
        let authorityEnd = base.range(of: "://").map { base[$0.upperBound...].firstIndex(of: "/") ?? base.endIndex } ?? base.endIndex
        return String(base[..<authorityEnd]) + "/" + database + query
    }

    /// Runs `body` on a connection to the server's maintenance database.
    public static func admin(_ body: (PostgresConnection) throws -> Void) throws {
        guard let server = TestBackend.serverURL else { throw TestFailure(TestBackend.skipReasonText) }
        let connection = try PostgresConnection(url: PostgresURL(server))
        defer { connection.close() }
        try body(connection)
    }
}
