extension JobStore {
    /// The schema version recorded in the database (0 for an empty one).
    ///
    /// ```swift
    /// let current = try store.schemaVersion == JobStore.latestSupportedVersion   // false: an older file
    /// ```
    public var schemaVersion: Int {
        get throws { try read { db in try Self.recordedVersion(db) } }
    }

    /// The migrations recorded in the database, oldest first, with the time each was applied.
    public func appliedMigrations() throws -> [(version: Int, name: String, appliedAt: Timestamp)] {
        try read { db in
            guard try db.tableExists("schema_migrations") else { return [] }
            return try db.fetchAll("SELECT version, name, applied_at FROM schema_migrations ORDER BY version")
                .map { ($0["version"], $0["name"], $0["applied_at"]) }
        }
    }

    /// Applies the migrations the database lacks, each in its own write transaction (the store lock taken at
    /// its start) together with its `schema_migrations` row. Safe when several processes open a fresh
    /// database at once: each transaction re-reads the version after taking the lock and skips work another
    /// process already did. A database newer than `migrations` is refused, unchanged.
    func migrate(to migrations: [Migration]) throws {
        let supported = migrations.last?.version ?? 0
        let found = try read { db in try Self.recordedVersion(db) }
        if found > supported {
            throw JobStoreError.databaseTooNew(path: path, found: found, supported: supported)
        }
        for migration in migrations where migration.version > found {
            try immediateTransaction { db in
                try db.executeScript(db.backend == .sqlite ? """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version    INTEGER PRIMARY KEY,
                        name       TEXT NOT NULL,
                        applied_at INTEGER NOT NULL
                    ) STRICT
                    """ : """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version    INTEGER PRIMARY KEY,
                        name       TEXT NOT NULL,
                        applied_at BIGINT NOT NULL
                    )
                    """)
                let current = try Self.recordedVersion(db)
                if current > supported {
                    throw JobStoreError.databaseTooNew(path: path, found: current, supported: supported)
                }
                guard current < migration.version else { return }
                do {
                    try db.executeScript(migration.sql)
                } catch {
                    throw JobStoreError.migrationFailed(path: path, migration: migration.fileName,
                                                        reason: Self.describe(error))
                }
                try db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                               [migration.version, migration.name, Timestamp(.now)])
            }
        }
    }

    static func recordedVersion(_ db: any StoreTransaction) throws -> Int {
        guard try db.tableExists("schema_migrations") else { return 0 }
        return try db.fetchValue("SELECT MAX(version) FROM schema_migrations") ?? 0
    }

    /// SQLite's `integrity_check` and `foreign_key_check`; an empty array means the database is sound.
    /// PostgreSQL enforces its constraints on every write, so there it is always empty.
    ///
    /// ```swift
    /// let problems = try store.integrityCheck()
    /// if !problems.isEmpty { print(problems.joined(separator: "\n")) }
    /// ```
    public func integrityCheck() throws -> [String] {
        guard backend == .sqlite else { return [] }
        return try read { db in
            var problems = try db.fetchAll("PRAGMA integrity_check").map { $0[0] as String }.filter { $0 != "ok" }
            for row in try db.fetchAll("PRAGMA foreign_key_check") {
                let table: String = row[0]
                let rowid: Int64? = row[1]
                let parent: String = row[2]
                problems.append("foreign key violation: \(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent) row")
            }
            return problems
        }
    }
}
