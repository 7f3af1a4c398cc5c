import GRDB

extension JobStore {
    /// A value kept between runs, or nil.
    ///
    /// ```swift
    /// try store.setSetting("tracking_export", to: fingerprint)
    /// let last = try store.setting("tracking_export")
    /// ```
    public func setting(_ key: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]) }
    }

    public func setSetting(_ key: String, to value: String) throws {
        try immediateTransaction { db in
            try db.execute(sql: """
                INSERT INTO settings (key, value) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, arguments: [key, value])
        }
    }

    /// Changes whenever a job is added, removed or updated: the number of jobs and the newest
    /// `updated_at` (every write to a job stamps it). Cheap: one index lookup and a count.
    public func jobsFingerprint() throws -> String {
        try pool.read { db in
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs") ?? 0
            let newest = try Int64.fetchOne(db, sql: "SELECT MAX(updated_at) FROM jobs") ?? 0
            return "\(count):\(newest)"
        }
    }
}
