/// One SQL value as both backends hand it over: SQLite's storage classes, PostgreSQL's text results read by
/// column type. Records decode from these (``StoreRow``), never from a backend's own row type.
enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The value as a PostgreSQL text parameter (nil for NULL).
    var postgresText: String? {
        switch self {
        case .null: nil
        case .integer(let value): String(value)
        case .real(let value): "\(value)"
        case .text(let value): value
        }
    }
}
