/// The connection a ``JobStore`` runs its SQL on: GRDB's pool on SQLite, one libpq connection on PostgreSQL.
protocol StoreDatabase: Sendable {
    var backend: StoreBackend { get }
    /// Runs `body` in a read transaction (one consistent snapshot).
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// Runs `body` in a write transaction that takes `lock` at its start; with `rollback` the work is undone.
    func write<T>(lock: StoreWriteLock, rollback: Bool, _ body: (any StoreTransaction) throws -> T) throws -> T
    func close() throws
}
