/// One result row of a store statement: column names shared by the statement's rows, and the values.
///
/// Reads like GRDB's rows, by position or name, as the type asked for; a NULL or mistyped value read as a
/// non-optional type is a programming error (the schema says what each column holds).
///
/// ```swift
/// let count: Int = row[0]
/// let error: String? = row["last_error"]
/// ```
struct StoreRow {
    let columnNames: [String]
    let values: [StoreValue]

    var count: Int { values.count }

    subscript<T: StoreDecodable>(_ index: Int) -> T {
        guard let value = T(storeValue: values[index]) else {
            fatalError("column \(columnNames[index]) holds \(values[index]), not a \(T.self)")
        }
        return value
    }

    subscript<T: StoreDecodable>(_ index: Int) -> T? {
        if case .null = values[index] { return nil }
        return T(storeValue: values[index])
    }

    subscript<T: StoreDecodable>(_ name: String) -> T { self[index(of: name)] }

    subscript<T: StoreDecodable>(_ name: String) -> T? { self[index(of: name)] }

    func index(of name: String) -> Int {
        guard let index = columnNames.firstIndex(of: name) else { fatalError("no column \(name) in \(columnNames)") }
        return index
    }
}
