import Foundation

extension JobStore {
    /// The PostgreSQL server's version and clock offset (nil on SQLite, which has no server).
    ///
    /// ```swift
    /// if let server = try store.serverStatus(), abs(server.clockOffsetSeconds) > 5 { print("clocks disagree") }
    /// ```
    public func serverStatus() throws -> StoreServerStatus? {
        guard let postgres = database as? PostgresStoreDatabase else { return nil }
        return try postgres.withConnection { connection in
            let sent = Date()
            let result = try connection.execute("""
                SELECT current_setting('server_version'), (extract(epoch FROM clock_timestamp()) * 1000000)::bigint
                """)
            let received = Date()
            let middle = sent.timeIntervalSince1970 + received.timeIntervalSince(sent) / 2
            let server = Double(result.int64(0, 1) ?? 0) / 1_000_000
            return StoreServerStatus(version: result.string(0, 0) ?? "?", clockOffsetSeconds: server - middle,
                                     roundTripSeconds: received.timeIntervalSince(sent))
        }
    }
}
