import GRDB

extension JobStore {
    /// The schema version recorded in the database (0 for an empty file).
    ///
    /// ```swift
    /// precondition(try store.schemaVersion == JobStore.latestSupportedVersion)
    /// ```
    public var schemaVersion: Int {
        get throws { try pool.read { db in try Self.recordedVersion(db) } }
    }

    /// The migrations recorded in the database, oldest first, with the time each was applied.
    public func appliedMigrations() throws -> [(version: Int, name: String, appliedAt: Timestamp)] {
        try pool.read { db in
            guard try db.tableExists("schema_migrations") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
                .map { ($0["version"], $0["name"], $0["applied_at"]) }
        }
    }

    /// Applies the migrations the file lacks, each in its own IMMEDIATE transaction together with its
    /// `schema_migrations` row. Safe when several processes open a fresh file at once: each transaction
    /// re-reads the version after taking the write lock and skips work another process already did.
    func migrate(to migrations: [Migration]) throws {
        let supported = migrations.last?.version ?? 0
        // A read first: a too-new file is refused without taking a write lock or writing a byte.
        let found = try pool.read { db in try Self.recordedVersion(db) }
        if found > supported {
            throw JobStoreError.databaseTooNew(path: path, found: found, supported: supported)
        }
        for migration in migrations where migration.version > found {
            try immediateTransaction { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version    INTEGER PRIMARY KEY,
                        name       TEXT NOT NULL,
                        applied_at INTEGER NOT NULL
                    ) STRICT
                    """)
                let current = try Self.recordedVersion(db)
                if current > supported {
                    throw JobStoreError.databaseTooNew(path: path, found: current, supported: supported)
                }
                guard current < migration.version else { return }
                do {
                    try db.execute(sql: migration.sql)
                } catch {
                    throw JobStoreError.migrationFailed(path: path, migration: migration.fileName,
                                                        reason: Self.describe(error))
                }
                try db.execute(sql: "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                               arguments: [migration.version, migration.name, Timestamp(.now)])
            }
        }
    }

    static func recordedVersion(_ db: Database) throws -> Int {
        guard try db.tableExists("schema_migrations") else { return 0 }
        return try Int.fetchOne(db, sql: "SELECT MAX(version) FROM schema_migrations") ?? 0
    }

    /// SQLite's `integrity_check` and `foreign_key_check`; an empty array means the file is sound.
    ///
    /// ```swift
    /// let problems = try store.integrityCheck()
    /// if !problems.isEmpty { print(problems.joined(separator: "\n")) }
    /// ```
    public func integrityCheck() throws -> [String] {
        try pool.read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                let table: String = row[0]
                let rowid: Int64? = row[1]
                let parent: String = row[2]
                problems.append("foreign key violation: \(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent) row")
            }
            return problems
        }
    }
}
