// `store copy`: one database's whole content into another, across backends (SQLite to PostgreSQL when a
// studio outgrows one machine, and back).
extension JobStore {
    /// The tables a copy carries, parents first, with the columns both dialects share (not PostgreSQL's
    /// `seq`, which follows the insertion order the copy keeps) and the key a repeated copy skips on.
    static let copiedTables: [(name: String, key: String, order: String, columns: [String])] = [
        ("jobs", "id", "", ["id", "status", "remote_state", "display_name", "submitted_at", "last_checked_at",
                            "completed_at", "check_count", "attempts", "next_check_at", "last_error", "not_found_count",
                            "lease_owner", "lease_expires_at", "fencing_token", "request_metadata", "legacy_extra",
                            "created_at", "updated_at", "remote_deleted_at"]),
        ("images", "id", "id", ["id", "job_id", "request_key", "item_index", "state", "original_path", "webp_path",
                                "original_sidecar_path", "webp_sidecar_path", "bytes", "sha256", "webp_bytes",
                                "mime_type", "error", "written_by", "created_at", "updated_at"]),
        ("job_events", "id", "id", ["id", "job_id", "at", "kind", "message"]),
        ("runs", "id", "id", ["id", "owner", "started_at", "finished_at", "claimed", "retrieved", "failed", "errors",
                              "outcome", "message"]),
        ("settings", "key", "key", ["key", "value"]),
    ]

    /// Rows per INSERT: a few round trips for a large database, well under both dialects' parameter limits.
    static let copyBatchRows = 200

    /// Copies every job, image, history event, run and setting of `source` into `target`, in ONE write
    /// transaction on the target: all of it or nothing. Ids are kept (a job's images and history stay its
    /// own, the gallery's cache stays valid); rows whose key the target holds already are left as they are,
    /// so a second copy inserts nothing. Before committing, every table's count on the target must equal the
    /// source's; a target that holds rows of its own is refused that way, and nothing is changed.
    ///
    /// ```swift
    /// let report = try JobStore.copy(from: JobStore(path: "jobs.sqlite3"), to: JobStore(path: "postgresql://pfc@db/jobs"))
    /// ```
    /// - Throws: ``JobStoreError/copyMismatch(table:source:target:)`` when the counts disagree.
    @discardableResult
    public static func copy(from source: JobStore, to target: JobStore) throws -> StoreCopyReport {
        try target.immediateTransaction { tx in
            try source.read { sx in
                var tables: [StoreCopyReport.Table] = []
                for table in copiedTables {
                    let order = table.name == "jobs" ? sx.backend.insertionOrder : table.order
                    var batch: [StoreValue] = []
                    var sourceRows = 0
                    var inserted = 0
                    func flush() throws {
                        guard !batch.isEmpty else { return }
                        inserted += try tx.execute(insertSQL(table.name, table.columns, key: table.key,
                                                             rows: batch.count / table.columns.count), batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                    try sx.forEachRow("SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(order)", []) { row in
                        sourceRows += 1
                        batch += row.values
                        if batch.count >= copyBatchRows * table.columns.count { try flush() }
                    }
                    try flush()
                    let targetRows: Int = try tx.fetchValue("SELECT COUNT(*) FROM \(table.name)") ?? 0
                    guard targetRows == sourceRows else {
                        throw JobStoreError.copyMismatch(table: table.name, source: sourceRows, target: targetRows)
                    }
                    tables.append(.init(name: table.name, source: sourceRows, inserted: inserted, target: targetRows))
                }
                if tx.backend == .postgresql {
                    // Rows came with their ids: the identity sequences continue after the largest.
                    for (table, column) in [("jobs", "seq"), ("images", "id"), ("job_events", "id"), ("runs", "id")] {
                        try tx.execute("""
                            SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), COALESCE(MAX(\(column)), 0) + 1, false)
                            FROM \(table)
                            """, [])
                    }
                }
                return StoreCopyReport(tables: tables)
            }
        }
    }

    private static func insertSQL(_ table: String, _ columns: [String], key: String, rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ") + " ON CONFLICT (\(key)) DO NOTHING"
    }
}
