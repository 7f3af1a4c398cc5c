/// What ``JobStore/copy(from:to:)`` did, table by table: the rows the source holds, those this copy
/// inserted (0 on a repeated copy), and the rows the target holds afterwards (equal to the source's).
///
/// ```swift
/// let report = try JobStore.copy(from: sqlite, to: postgres)
/// for table in report.tables { print(table.name, table.source, table.inserted) }
/// ```
public struct StoreCopyReport: Sendable, Hashable {
    public struct Table: Sendable, Hashable {
        public var name: String
        public var source: Int
        public var inserted: Int
        public var target: Int
    }

    public var tables: [Table]
}
