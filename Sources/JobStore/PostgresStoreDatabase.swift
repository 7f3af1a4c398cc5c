import Foundation
import PostgresClient

/// The PostgreSQL backend: one libpq connection per store (so per process), used by one thread at a time.
///
/// Reads run in a REPEATABLE READ READ ONLY transaction (one snapshot, as a SQLite read). Writes run in READ
/// COMMITTED transactions: a ``StoreWriteLock/store`` write first takes one transaction-level advisory lock
/// that every such writer takes (the writers queue, as on SQLite); a ``StoreWriteLock/rows`` write (claims,
/// fenced writes) locks only its job rows (`FOR UPDATE`, `SKIP LOCKED`). A transaction the server broke to end
/// a deadlock is run again, and so is one whose connection dropped before it committed (after the
/// connection is remade with backoff); a drop during COMMIT is reported, never guessed at.
final class PostgresStoreDatabase: StoreDatabase, @unchecked Sendable {
    /// The advisory lock key of ``StoreWriteLock/store`` writes ("pfcstore").
    static let storeLockKey: Int64 = 0x7066_6373_746F_7265
    private static let attempts = 3

    private let lock = NSLock()
    /// Guarded by `lock`.
    private let connection: PostgresConnection
    /// `?` SQL -> `$n` SQL, guarded by `lock`.
    private var numbered: [String: String] = [:]

    var backend: StoreBackend { .postgresql }
    var url: PostgresURL { connection.url }

    init(url: PostgresURL) throws {
        connection = try PostgresConnection(url: url)
    }

    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try run(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", rollback: false, storeLock: false, body)
    }

    func write<T>(lock: StoreWriteLock, rollback: Bool, _ body: (any StoreTransaction) throws -> T) throws -> T {
        try run(begin: "BEGIN", rollback: rollback, storeLock: lock == .store, body)
    }

    /// Runs `body` on the connection with nothing else in between (the session-level advisory locks
    /// of the export, doctor's queries).
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        try connection.ensureConnected()
        return try body(connection)
    }

    func close() throws {
        lock.lock()
        defer { lock.unlock() }
        connection.close()
    }

    private func run<T>(begin: String, rollback: Bool, storeLock: Bool,
                        _ body: (any StoreTransaction) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        var attempt = 1
        while true {
            do {
                try connection.ensureConnected()
                // The store lock goes with BEGIN: one round trip.
                let opening = storeLock ? "\(begin); SELECT pg_advisory_xact_lock(\(Self.storeLockKey))" : begin
                return try connection.transaction(begin: opening, rollback: rollback) {
                    try body(PostgresStoreTransaction(connection: connection, numbered: numberedSQL))
                }
            } catch let error as PostgresError where attempt < Self.attempts && (error.isTransient || error.kind == .connection) {
                attempt += 1
            }
        }
    }

    /// `sql` with its `?` placeholders numbered `$1`, `$2`, ... (quoted text left alone), translated once.
    private func numberedSQL(_ sql: String) -> String {
        if let known = numbered[sql] { return known }
        var result = ""
        var number = 0
        var quoted = false
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?", !quoted {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        numbered[sql] = result
        return result
    }
}
