import CLibPQ
import Foundation

/// One libpq connection: prepared statements with text parameters, transactions, advisory locks, and
/// a reconnect with backoff when the server or the network dropped it.
///
/// Not thread-safe: one owner uses it at a time (JobStore keeps one per process behind a lock). The
/// password is never passed here: libpq reads `PGPASSWORD` and `~/.pgpass` itself.
///
/// ```swift
/// let connection = try PostgresConnection(url: PostgresURL("postgresql://pfc@localhost/jobs"))
/// let result = try connection.execute("SELECT count(*) FROM jobs WHERE status = $1", ["pending"])
/// try connection.transaction { _ = try connection.execute("UPDATE jobs SET ...", []) }
/// ```
public final class PostgresConnection {
    public let url: PostgresURL
    private var handle: OpaquePointer?
    /// SQL text -> the name it was prepared under on this connection (cleared on reconnect).
    private var prepared: [String: String] = [:]
    private var transactionDepth = 0

    /// How many times, and how long first, to wait between attempts when the connection must be remade.
    public var reconnectAttempts = 6
    public var reconnectFirstDelaySeconds = 0.1

    public init(url: PostgresURL, applicationName: String = "pfc-jobs", connectTimeoutSeconds: Int = 10) throws {
        self.url = url
        let keywords = ["dbname", "application_name", "connect_timeout"]
        let values = [url.text, applicationName, String(connectTimeoutSeconds)]
        handle = Self.withCStrings(keywords) { k in
            Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let reason = handle.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            if let handle { PQfinish(handle) }
            self.handle = nil
            throw PostgresError(kind: .connection, message: "\(url.redacted): cannot connect: \(reason)")
        }
        pfc_pq_silence_notices(handle)
    }

    deinit {
        if let handle { PQfinish(handle) }
    }

    /// The server's version number, e.g. 150018 for 15.18.
    public var serverVersion: Int { handle.map { Int(PQserverVersion($0)) } ?? 0 }

    /// Whether a transaction opened by ``transaction(_:)`` is in progress.
    public var inTransaction: Bool { transactionDepth > 0 }

    /// Runs one statement (parameters `$1`, `$2`, ... in text form; nil is NULL), prepared once per
    /// connection and reused.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws -> PostgresResult {
        try ensureConnected()
        let name: String
        if let known = prepared[sql] {
            name = known
        } else {
            name = "s\(prepared.count + 1)"
            let result = PQprepare(handle, name, sql, 0, nil)
            try check(result, sql: sql)
            PQclear(result)
            prepared[sql] = name
        }
        let result = Self.withOptionalCStrings(parameters) { values in
            PQexecPrepared(handle, name, Int32(parameters.count), values, nil, nil, 0)
        }
        return try copy(result, sql: sql)
    }

    /// Runs SQL text that may hold several statements and no parameters (migrations, BEGIN/COMMIT).
    public func executeScript(_ sql: String) throws {
        try ensureConnected()
        let result = PQexec(handle, sql)
        _ = try copy(result, sql: sql)
    }

    /// Runs `body` between `begin` (e.g. `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`) and COMMIT
    /// (ROLLBACK when it throws, or with `rollback`). A lost connection fails the transaction with a
    /// `.connection` error (nothing was applied) or, when it was lost while committing, `.commitUnknown`;
    /// nothing is retried here.
    public func transaction<T>(begin: String = "BEGIN", rollback: Bool = false, _ body: () throws -> T) throws -> T {
        precondition(transactionDepth == 0, "nested transactions are not supported")
        do {
            try executeScript(begin)
        } catch {
            // `begin` may hold more than BEGIN (a lock): a failure after BEGIN must not leave the session in it.
            if handle.map({ PQstatus($0) == CONNECTION_OK && PQtransactionStatus($0) != PQTRANS_IDLE }) ?? false {
                try? executeScript("ROLLBACK")
            }
            throw error
        }
        transactionDepth = 1
        defer { transactionDepth = 0 }
        let value: T
        do {
            value = try body()
        } catch {
            if handle.map({ PQstatus($0) == CONNECTION_OK }) ?? false { try? executeScript("ROLLBACK") }
            throw error
        }
        if rollback {
            try executeScript("ROLLBACK")
            return value
        }
        do {
            try executeScript("COMMIT")
        } catch let error as PostgresError where error.kind == .connection {
            throw PostgresError(kind: .commitUnknown, sqlState: error.sqlState,
                                message: "the connection was lost while committing; the change may or may not have been applied: \(error.message)")
        }
        return value
    }

    /// Waits for the session-level advisory lock `key` (held until ``advisoryUnlock(_:)`` or the connection ends).
    public func advisoryLock(_ key: Int64) throws {
        try execute("SELECT pg_advisory_lock($1)", [String(key)])
    }

    /// Takes the session-level advisory lock `key` if it is free; false when another session holds it.
    public func tryAdvisoryLock(_ key: Int64) throws -> Bool {
        try execute("SELECT pg_try_advisory_lock($1)", [String(key)]).bool(0, 0) ?? false
    }

    public func advisoryUnlock(_ key: Int64) throws {
        try execute("SELECT pg_advisory_unlock($1)", [String(key)])
    }

    /// Waits for the transaction-level advisory lock `key`, released at COMMIT or ROLLBACK.
    public func advisoryTransactionLock(_ key: Int64) throws {
        try execute("SELECT pg_advisory_xact_lock($1)", [String(key)])
    }

    /// Remakes a dropped connection (outside a transaction only), waiting between attempts with a doubling
    /// backoff. Prepared statements are prepared again on first use.
    public func ensureConnected() throws {
        guard let handle else { throw PostgresError(kind: .connection, message: "\(url.redacted): connection closed") }
        if PQstatus(handle) == CONNECTION_OK { return }
        guard transactionDepth == 0 else {
            throw PostgresError(kind: .connection, message: "\(url.redacted): connection lost during a transaction")
        }
        prepared.removeAll()
        var delay = reconnectFirstDelaySeconds
        for attempt in 1...max(1, reconnectAttempts) {
            PQreset(handle)
            if PQstatus(handle) == CONNECTION_OK {
                pfc_pq_silence_notices(handle)
                return
            }
            if attempt < reconnectAttempts {
                Thread.sleep(forTimeInterval: delay)
                delay *= 2
            }
        }
        throw PostgresError(kind: .connection, message: "\(url.redacted): connection lost and not remade after "
            + "\(reconnectAttempts) attempts: \(String(cString: PQerrorMessage(handle)))")
    }

    /// Closes the connection; later calls fail.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        prepared.removeAll()
    }

    private func copy(_ result: OpaquePointer?, sql: String) throws -> PostgresResult {
        try check(result, sql: sql)
        defer { PQclear(result) }
        let columns = Int(PQnfields(result))
        let rows = Int(PQntuples(result))
        var names: [String] = []
        var types: [PostgresType] = []
        for column in 0..<columns {
            names.append(String(cString: PQfname(result, Int32(column))))
            types.append(PostgresType(oid: PQftype(result, Int32(column))))
        }
        var values: [String?] = []
        values.reserveCapacity(rows * columns)
        for row in 0..<rows {
            for column in 0..<columns {
                if PQgetisnull(result, Int32(row), Int32(column)) != 0 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                }
            }
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresResult(columnNames: names, columnTypes: types, values: values, affectedRows: affected)
    }

    /// Throws (and frees the result) unless it is a success.
    private func check(_ result: OpaquePointer?, sql: String) throws {
        let status = result.map(PQresultStatus) ?? PGRES_FATAL_ERROR
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY { return }
        var sqlState: String?
        var message = handle.map { String(cString: PQerrorMessage($0)) } ?? "no connection"
        if let result {
            if let code = PQresultErrorField(result, pfc_pq_diag_sqlstate()) { sqlState = String(cString: code) }
            if let primary = PQresultErrorField(result, pfc_pq_diag_message_primary()) { message = String(cString: primary) }
            PQclear(result)
        }
        let lost = handle.map { PQstatus($0) != CONNECTION_OK } ?? true
        let connectionState = sqlState.map { $0.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains($0) } ?? false
        throw PostgresError(kind: lost || connectionState ? .connection : .statement, sqlState: sqlState, message: message)
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) } + [nil]
        return pointers.withUnsafeMutableBufferPointer { body(UnsafePointer($0.baseAddress!)) }
    }

    private static func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
        return pointers.withUnsafeMutableBufferPointer { body(UnsafePointer($0.baseAddress!)) }
    }
}
