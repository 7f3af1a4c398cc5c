/// What a write transaction locks when it begins.
enum StoreWriteLock {
    /// The whole store, as SQLite's IMMEDIATE transaction does: writers queue, so what the transaction reads
    /// stays true until it commits (import, operator actions, migrations, runs). On PostgreSQL: one
    /// transaction-level advisory lock every such writer takes.
    case store
    /// Only the rows it touches (claims, fenced writes, image writes): on PostgreSQL these skip the store lock
    /// and rely on `FOR UPDATE` / `SKIP LOCKED`, so checkers on several machines do not queue behind each other.
    /// On SQLite the same as ``store``.
    case rows
}
