/// Which database a ``JobStore`` talks to. Nothing above the store needs to know; the few SQL pieces on
/// which the two dialects differ are chosen here.
public enum StoreBackend: String, Sendable, Hashable, CaseIterable {
    /// A file, through GRDB: the embedded default.
    case sqlite
    /// A server shared by several machines, through libpq.
    case postgresql

    /// SQLite's `INDEXED BY` hint (the planner needs it without statistics); PostgreSQL has none.
    func indexedBy(_ index: String) -> String { self == .sqlite ? " INDEXED BY \(index)" : "" }

    /// Appended to a SELECT of the job rows a write transaction will change: on PostgreSQL it locks them until
    /// commit (SQLite's IMMEDIATE transaction already holds the one write lock).
    var forUpdate: String { self == .postgresql ? " FOR UPDATE" : "" }

    /// The claim subquery's lock: rows another claimer holds are skipped, not waited for.
    var forUpdateSkipLocked: String { self == .postgresql ? " FOR UPDATE SKIP LOCKED" : "" }

    /// The column that orders jobs by insertion (SQLite's rowid; a sequence column on PostgreSQL).
    var insertionOrder: String { self == .sqlite ? "rowid" : "seq" }

    /// The text at `key` of a JSON object column (NULL when absent).
    func jsonText(_ column: String, _ key: String) -> String {
        self == .sqlite ? "json_extract(\(column), '$.\(key)')" : "(\(column)::jsonb ->> '\(key)')"
    }

    /// The number at `key` of a JSON object column; NULL when absent or not a number.
    func jsonNumber(_ column: String, _ key: String) -> String {
        switch self {
        case .sqlite:
            "CASE WHEN json_type(\(column), '$.\(key)') IN ('real', 'integer') THEN json_extract(\(column), '$.\(key)') END"
        case .postgresql:
            "CASE WHEN jsonb_typeof(\(column)::jsonb -> '\(key)') = 'number' THEN (\(column)::jsonb ->> '\(key)')::float8 END"
        }
    }

    /// True when `key` of a JSON object column holds a non-empty string.
    func jsonIsNonEmptyText(_ column: String, _ key: String) -> String {
        switch self {
        case .sqlite: "json_type(\(column), '$.\(key)') = 'text' AND json_extract(\(column), '$.\(key)') <> ''"
        case .postgresql: "jsonb_typeof(\(column)::jsonb -> '\(key)') = 'string' AND (\(column)::jsonb ->> '\(key)') <> ''"
        }
    }

    /// The 1-based position of `needle` in `haystack` (0 when absent).
    func position(of needle: String, in haystack: String) -> String {
        self == .sqlite ? "instr(\(haystack), \(needle))" : "strpos(\(haystack), \(needle))"
    }

    /// A query answering one row with 1 when the table exists.
    func tableExists(_ table: String) -> String {
        switch self {
        case .sqlite: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '\(table)'"
        case .postgresql: "SELECT 1 WHERE to_regclass('\(table)') IS NOT NULL"
        }
    }
}
