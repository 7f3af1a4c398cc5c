import Foundation

extension JobStore {
    /// Upserts legacy tracking-file entries in ONE immediate transaction; with `dryRun`, computes the same
    /// outcome and rolls back.
    ///
    /// For an id already stored, the database stays the source of truth and nothing regresses:
    /// - a terminal incoming status replaces `pending` (taking the job away from any lease holder);
    ///   a `pending` one never replaces a terminal one, nor does one terminal status replace another;
    /// - `check_count` becomes the larger of the two;
    /// - `last_checked_at` / `completed_at` take the incoming time when the stored one is NULL or older;
    ///   `submitted_at` and `remote_state` fill a NULL (the remote state also follows an accepted status);
    /// - request metadata and unknown legacy fields take the incoming JSON text when it is non-NULL and differs.
    ///
    /// A row whose merge changes nothing is not written at all, so a re-import reports every entry unchanged
    /// and leaves `updated_at` alone. New pending jobs are due at `now`.
    ///
    /// ```swift
    /// let summary = try store.importJobs(entries, dryRun: false)
    /// print(summary.inserted, summary.updated, summary.unchanged)
    /// ```
    /// `progress` is called with (entries done, total) every 1,000 entries and at the end, so a
    /// terminal can show how a long import goes.
    public func importJobs(_ entries: [JobImport], dryRun: Bool, now: Date = Date(),
                           progress: ((Int, Int) -> Void)? = nil) throws -> ImportSummary {
        let stamp = Timestamp(now)
        let results = try immediateTransaction(rollback: dryRun) { db in
            try entries.enumerated().map { position, entry in
                if let progress, position % 1_000 == 0 { progress(position, entries.count) }
                return ImportSummary.Result(id: entry.id, outcome: try Self.importOne(db, entry, now: stamp))
            }
        }
        progress?(entries.count, entries.count)
        return ImportSummary(dryRun: dryRun, results: results)
    }

    /// Inserts the entries whose id is not stored yet and leaves every other row untouched (the export merge
    /// and each check run use it to pick up entries other programs appended). Returns the inserted ids.
    ///
    /// ```swift
    /// let added = try store.insertMissingJobs(appendedEntries)
    /// ```
    @discardableResult
    public func insertMissingJobs(_ entries: [JobImport], now: Date = Date()) throws -> [String] {
        let stamp = Timestamp(now)
        return try immediateTransaction { db in
            var inserted: [String] = []
            for entry in entries where try Self.insert(db, entry, now: stamp) {
                inserted.append(entry.id)
            }
            return inserted
        }
    }

    private static func importOne(_ db: any StoreTransaction, _ entry: JobImport, now: Timestamp) throws -> ImportOutcome {
        guard let stored = try fetchJob(db, id: entry.id, forUpdate: true) else {
            _ = try insert(db, entry, now: now)
            return .inserted
        }
        var merged = stored
        var changed: [String] = []
        var takeAway = false

        if entry.status.isTerminal, stored.status == .pending {
            merged.status = entry.status
            takeAway = stored.leaseOwner != nil
            changed.append("status \(stored.status.rawValue) -> \(entry.status.rawValue)")
            if let remote = entry.remoteState { merged.remoteState = remote }
        }
        if merged.remoteState == nil, let remote = entry.remoteState { merged.remoteState = remote }
        if merged.remoteState != stored.remoteState { changed.append("remote_state") }
        if stored.submittedAt == nil, let submitted = entry.submittedAt {
            merged.submittedAt = submitted
            changed.append("submitted_at")
        }
        if entry.checkCount > stored.checkCount {
            merged.checkCount = entry.checkCount
            changed.append("check_count")
        }
        if let incoming = entry.lastCheckedAt, stored.lastCheckedAt.map({ $0 < incoming }) ?? true {
            merged.lastCheckedAt = incoming
            changed.append("last_checked")
        }
        if let incoming = entry.completedAt, stored.completedAt.map({ $0 < incoming }) ?? true {
            merged.completedAt = incoming
            changed.append("completed_at")
        }
        if let incoming = entry.requestMetadataJSON, incoming != stored.requestMetadataJSON {
            merged.requestMetadataJSON = incoming
            changed.append("request metadata")
        }
        if let incoming = entry.legacyExtraJSON, incoming != stored.legacyExtraJSON {
            merged.legacyExtraJSON = incoming
            changed.append("extra fields")
        }
        guard !changed.isEmpty else { return .unchanged }

        try db.execute("""
            UPDATE jobs SET status = ?, remote_state = ?, submitted_at = ?, check_count = ?, last_checked_at = ?,
                            completed_at = ?, request_metadata = ?, legacy_extra = ?, updated_at = ?,
                            lease_owner = CASE WHEN ? THEN NULL ELSE lease_owner END,
                            lease_expires_at = CASE WHEN ? THEN NULL ELSE lease_expires_at END,
                            fencing_token = fencing_token + ?
            WHERE id = ?
            """, [
                merged.status, merged.remoteState, merged.submittedAt, merged.checkCount, merged.lastCheckedAt,
                merged.completedAt, merged.requestMetadataJSON, merged.legacyExtraJSON, now,
                takeAway, takeAway, takeAway ? 1 : 0, entry.id,
            ])
        try appendEvent(db, jobID: entry.id, at: now, kind: .importUpdated,
                        message: "from the legacy tracking file: " + changed.joined(separator: ", "))
        return .updated
    }

    /// Inserts `entry` unless its id exists; true when a row was inserted.
    private static func insert(_ db: any StoreTransaction, _ entry: JobImport, now: Timestamp) throws -> Bool {
        let inserted = try db.execute("""
            INSERT INTO jobs (id, status, remote_state, submitted_at, last_checked_at, completed_at, check_count,
                              next_check_at, request_metadata, legacy_extra, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """, [
                entry.id, entry.status, entry.remoteState, entry.submittedAt, entry.lastCheckedAt, entry.completedAt,
                entry.checkCount, now, entry.requestMetadataJSON, entry.legacyExtraJSON, now, now,
            ])
        guard inserted > 0 else { return false }
        try appendEvent(db, jobID: entry.id, at: now, kind: .imported,
                        message: "from the legacy tracking file as \(entry.status.rawValue)")
        return true
    }
}
