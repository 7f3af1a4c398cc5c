import Foundation

extension JobStore {
    /// Takes the lock `name` for every process that uses this database, on any machine, waiting at most
    /// `timeoutSeconds` (polled, bounded). The tracking-file export takes one so that two machines never
    /// export at once. On SQLite it is free at once (see ``StoreLock``).
    ///
    /// ```swift
    /// let lock = try store.lockAcrossMachines("tracking-export:/srv/images/metadata/tracking.json", timeoutSeconds: 10)
    /// defer { lock.unlock() }
    /// ```
    /// - Throws: ``JobStoreError/lockTimeout(name:seconds:)`` when another holder kept it past the timeout.
    public func lockAcrossMachines(_ name: String, timeoutSeconds: Double) throws -> StoreLock {
        guard let postgres = database as? PostgresStoreDatabase else { return StoreLock {} }
        let key = Self.advisoryKey(name)
        let deadline = Date().addingTimeInterval(max(0, timeoutSeconds))
        while true {
            if try postgres.withConnection({ try $0.tryAdvisoryLock(key) }) {
                return StoreLock { _ = try? postgres.withConnection { try $0.advisoryUnlock(key) } }
            }
            guard Date() < deadline else { throw JobStoreError.lockTimeout(name: name, seconds: timeoutSeconds) }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// A stable 64-bit key for a lock name (FNV-1a), the same in every process and on every machine.
    static func advisoryKey(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }
}
