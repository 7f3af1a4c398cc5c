import TestSupport

/// Every value of every table of a SQLite file as text, read by Python's own sqlite3 (not our code), for
/// tests that prove a string reached no row.
enum SQLiteDump {
    static func allText(_ path: String) throws -> String {
        let dump = try ProgramRun.python("import sqlite3,sys\nfor line in sqlite3.connect(sys.argv[1]).iterdump(): print(line)", [path])
        guard dump.status == 0 else { throw HarnessError.failed("python3 could not dump \(path)") }
        return dump.output
    }
}
