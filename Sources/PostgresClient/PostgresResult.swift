/// The rows of one statement, copied out of libpq's PGresult (which is freed at once), in text form with
/// each column's type, and the number of rows an INSERT/UPDATE/DELETE changed.
///
/// ```swift
/// let result = try connection.execute("SELECT id, fencing_token FROM jobs WHERE status = $1", ["pending"])
/// for row in 0..<result.rowCount { print(result.string(row, 0) ?? "", result.int64(row, 1) ?? 0) }
/// ```
public struct PostgresResult: Sendable {
    public var columnNames: [String]
    public var columnTypes: [PostgresType]
    /// Row-major: `values[row * columnCount + column]`; nil is SQL NULL.
    public var values: [String?]
    public var affectedRows: Int

    public var columnCount: Int { columnNames.count }
    public var rowCount: Int { columnNames.isEmpty ? 0 : values.count / columnNames.count }

    public func string(_ row: Int, _ column: Int) -> String? { values[row * columnCount + column] }

    public func int64(_ row: Int, _ column: Int) -> Int64? {
        guard let text = string(row, column) else { return nil }
        if columnTypes[column] == .boolean { return text == "t" ? 1 : 0 }
        return Int64(text) ?? Double(text).map { Int64($0) }
    }

    public func double(_ row: Int, _ column: Int) -> Double? { string(row, column).flatMap(Double.init) }

    public func bool(_ row: Int, _ column: Int) -> Bool? { string(row, column).map { $0 == "t" || $0 == "1" || $0 == "true" } }
}
