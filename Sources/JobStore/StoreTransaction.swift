/// One connection inside a read or a write transaction of a ``StoreDatabase``. SQL uses `?` placeholders
/// on both backends (the PostgreSQL one numbers them `$1`, `$2`, ...).
///
/// ```swift
/// let changed = try tx.execute("UPDATE jobs SET updated_at = ? WHERE id = ?", [stamp, id])
/// let row = try tx.fetchOne("SELECT COUNT(*) FROM jobs", [])
/// ```
protocol StoreTransaction {
    var backend: StoreBackend { get }
    /// Runs one statement; returns how many rows it inserted, updated or deleted.
    @discardableResult
    func execute(_ sql: String, _ arguments: [any StoreArgument]) throws -> Int
    /// Calls `body` with each row in turn.
    func forEachRow(_ sql: String, _ arguments: [any StoreArgument], _ body: (StoreRow) throws -> Void) throws
    /// Runs SQL text of several statements without parameters (migrations).
    func executeScript(_ sql: String) throws
}

extension StoreTransaction {
    func fetchAll(_ sql: String, _ arguments: [any StoreArgument] = []) throws -> [StoreRow] {
        var rows: [StoreRow] = []
        try forEachRow(sql, arguments) { rows.append($0) }
        return rows
    }

    func fetchOne(_ sql: String, _ arguments: [any StoreArgument] = []) throws -> StoreRow? {
        try fetchAll(sql, arguments).first
    }

    /// The first column of the first row, or nil (no row, or NULL).
    func fetchValue<T: StoreDecodable>(_ sql: String, _ arguments: [any StoreArgument] = []) throws -> T? {
        guard let row = try fetchOne(sql, arguments), row.count > 0 else { return nil }
        return row[0]
    }

    func tableExists(_ table: String) throws -> Bool {
        try fetchOne(backend.tableExists(table)) != nil
    }
}
