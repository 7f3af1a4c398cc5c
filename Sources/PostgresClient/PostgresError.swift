/// A failure reported by libpq or the server, fit for an operator: the server's primary message and
/// SQLSTATE, never the connection's password (libpq never puts it in a message; URLs are shown redacted).
///
/// ```swift
/// do { try connection.execute("INSERT ...", ["x"]) }
/// catch let error as PostgresError where error.sqlState == PostgresError.uniqueViolation { /* ... */ }
/// ```
public struct PostgresError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The connection could not be made or was lost (SQLSTATE class 08, a server shut down, a dropped socket).
        case connection
        /// The connection was lost while COMMIT was under way: whether the transaction was applied is unknown.
        case commitUnknown
        /// The server refused a statement (a constraint, a syntax error, a lock timeout, ...).
        case statement
        /// The connection URL is not one this program accepts (e.g. it carries a password).
        case badURL
    }

    public var kind: Kind
    /// The five-character SQLSTATE code, when the server sent one.
    public var sqlState: String?
    public var message: String

    public init(kind: Kind, sqlState: String? = nil, message: String) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
    }

    /// SQLSTATE 23505.
    public static let uniqueViolation = "23505"
    /// SQLSTATE 40P01: the server broke a deadlock by failing this transaction; running it again is safe.
    public static let deadlockDetected = "40P01"
    /// SQLSTATE 40001.
    public static let serializationFailure = "40001"

    /// True when the statement may simply be run again (deadlock or serialization failure).
    public var isTransient: Bool { sqlState == Self.deadlockDetected || sqlState == Self.serializationFailure }

    public var description: String {
        let trimmed = message.trimmingCharacters(in: .whitespacesAndNewlines)
        return sqlState.map { "\(trimmed) (SQLSTATE \($0))" } ?? trimmed
    }
}
