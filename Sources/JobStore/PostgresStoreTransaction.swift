import PostgresClient

/// The libpq connection seen through ``StoreTransaction``, inside a transaction ``PostgresStoreDatabase``
/// opened. Values come back typed by column: integers, floats (and numeric sums) and text.
struct PostgresStoreTransaction: StoreTransaction {
    let connection: PostgresConnection
    let numbered: (String) -> String

    var backend: StoreBackend { .postgresql }

    @discardableResult
    func execute(_ sql: String, _ arguments: [any StoreArgument]) throws -> Int {
        try connection.execute(numbered(sql), arguments.map(\.storeValue.postgresText)).affectedRows
    }

    func forEachRow(_ sql: String, _ arguments: [any StoreArgument], _ body: (StoreRow) throws -> Void) throws {
        let result = try connection.execute(numbered(sql), arguments.map(\.storeValue.postgresText))
        let names = result.columnNames
        for row in 0..<result.rowCount {
            var values: [StoreValue] = []
            values.reserveCapacity(names.count)
            for column in 0..<names.count {
                guard let text = result.string(row, column) else {
                    values.append(.null)
                    continue
                }
                switch result.columnTypes[column] {
                case .integer, .boolean: values.append(.integer(result.int64(row, column) ?? 0))
                case .real: values.append(.real(Double(text) ?? 0))
                case .numeric: values.append(Int64(text).map(StoreValue.integer) ?? .real(Double(text) ?? 0))
                case .text: values.append(.text(text))
                }
            }
            try body(StoreRow(columnNames: names, values: values))
        }
    }

    func executeScript(_ sql: String) throws {
        try connection.executeScript(sql)
    }
}
