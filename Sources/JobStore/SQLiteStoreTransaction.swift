import GRDB

/// A GRDB connection seen through ``StoreTransaction``: statements cached per connection, rows copied into
/// ``StoreRow`` by position.
struct SQLiteStoreTransaction: StoreTransaction {
    let db: Database

    var backend: StoreBackend { .sqlite }

    @discardableResult
    func execute(_ sql: String, _ arguments: [any StoreArgument]) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: Self.bind(arguments))
        return db.changesCount
    }

    func forEachRow(_ sql: String, _ arguments: [any StoreArgument], _ body: (StoreRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let names = statement.columnNames
        let rows = try Row.fetchCursor(statement, arguments: Self.bind(arguments))
        while let row = try rows.next() {
            var values: [StoreValue] = []
            values.reserveCapacity(names.count)
            for index in 0..<names.count {
                switch (row[index] as DatabaseValue).storage {
                case .null: values.append(.null)
                case .int64(let value): values.append(.integer(value))
                case .double(let value): values.append(.real(value))
                case .string(let value): values.append(.text(value))
                case .blob(let data): values.append(.text(String(decoding: data, as: UTF8.self)))
                }
            }
            try body(StoreRow(columnNames: names, values: values))
        }
    }

    func executeScript(_ sql: String) throws {
        try db.execute(sql: sql)
    }

    private static func bind(_ arguments: [any StoreArgument]) -> StatementArguments {
        StatementArguments(arguments.map { argument -> DatabaseValue in
            switch argument.storeValue {
            case .null: .null
            case .integer(let value): value.databaseValue
            case .real(let value): value.databaseValue
            case .text(let value): value.databaseValue
            }
        })
    }
}
