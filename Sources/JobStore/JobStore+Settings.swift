extension JobStore {
    /// A value kept between runs, or nil.
    ///
    /// ```swift
    /// try store.setSetting("tracking_export", to: fingerprint)
    /// let last = try store.setting("tracking_export")
    /// ```
    public func setting(_ key: String) throws -> String? {
        try read { db in try db.fetchValue("SELECT value FROM settings WHERE key = ?", [key]) }
    }

    public func setSetting(_ key: String, to value: String) throws {
        try immediateTransaction { db in
            try db.execute("""
                INSERT INTO settings (key, value) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, [key, value])
        }
    }

    /// Changes whenever a job is added, removed or updated: the number of jobs and the newest
    /// `updated_at` (every write to a job stamps it). Cheap: one index lookup and a count.
    public func jobsFingerprint() throws -> String {
        try read { db in
            let count: Int = try db.fetchValue("SELECT COUNT(*) FROM jobs") ?? 0
            let newest: Int64 = try db.fetchValue("SELECT MAX(updated_at) FROM jobs") ?? 0
            return "\(count):\(newest)"
        }
    }
}
