import GRDB

/// The SQLite backend: GRDB's pool (WAL, many readers, one writer). Every write is one IMMEDIATE
/// transaction, so the write lock is taken at BEGIN and a busy database makes BEGIN wait (busy timeout)
/// rather than fail halfway.
struct SQLiteStoreDatabase: StoreDatabase {
    /// DatabasePool is itself Sendable; all mutable state lives in SQLite.
    let pool: DatabasePool

    var backend: StoreBackend { .sqlite }

    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try pool.read { db in try body(SQLiteStoreTransaction(db: db)) }
    }

    func write<T>(lock: StoreWriteLock, rollback: Bool, _ body: (any StoreTransaction) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(SQLiteStoreTransaction(db: db))
                return rollback ? .rollback : .commit
            }
            return result!
        }
    }

    /// Copies every committed change from the WAL into the database file (FULL checkpoint, waiting for readers).
    func checkpoint() throws {
        try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.full) }
    }

    func close() throws {
        try checkpoint()
        try pool.close()
    }
}
