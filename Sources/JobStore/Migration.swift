/// One schema migration: the text of `migrations/NNNN_name.sql`, embedded in the binary.
///
/// ```swift
/// for m in JobStore.migrations { print(m.version, m.name) }
/// ```
public struct Migration: Sendable, Hashable {
    /// The file's number (`0002_indexes.sql` is version 2); versions run 1, 2, 3, ... without gaps.
    public var version: Int
    /// The file name between the number and `.sql`.
    public var name: String
    /// The file's exact content.
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// The file name this migration came from, e.g. `0001_initial.sql`.
    public var fileName: String {
        let number = String(version)
        return String(repeating: "0", count: max(0, 4 - number.count)) + number + "_" + name + ".sql"
    }
}
