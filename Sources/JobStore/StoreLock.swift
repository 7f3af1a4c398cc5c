/// A named lock held through the database, by ``JobStore/lockAcrossMachines(_:timeoutSeconds:)``: on
/// PostgreSQL a session-level advisory lock, so processes on every machine that share the server exclude
/// each other; on SQLite nothing (one file is one machine's, and the callers' file locks cover it).
/// Released by ``unlock()`` (or when the store's connection ends).
public final class StoreLock: Sendable {
    private let release: @Sendable () -> Void

    init(release: @escaping @Sendable () -> Void) {
        self.release = release
    }

    public func unlock() { release() }
}
