import Foundation
import GRDB
import GRDBSQLite

/// The SQLite job database: jobs, their images, check runs and history, shared safely by concurrent processes.
///
/// Opening creates the file (mode 0600, its folder 0700) and applies any migration the file lacks. The
/// database runs in WAL mode with a 10 s busy timeout; every write is one IMMEDIATE transaction, so
/// concurrent writers queue instead of failing with `SQLITE_BUSY`.
///
/// ```swift
/// let store = try JobStore(path: "/srv/images/metadata/jobs.sqlite3")
/// let summary = try store.importJobs(entries, dryRun: false)
/// for claim in try store.claimDueJobs(owner: "host:4242", limit: 10, leaseSeconds: 300) { ... }
/// ```
public final class JobStore: Sendable {
    /// The database file.
    public let path: String
    /// DatabasePool is itself Sendable; all mutable state lives in SQLite.
    let pool: DatabasePool

    /// Ids of submit intents not yet bound to an API batch name start with this.
    public static let intentIDPrefix = "local/"

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeoutSeconds: TimeInterval = 10

    /// The migrations compiled into this binary, in order.
    public static var migrations: [Migration] { EmbeddedMigrations.all }

    /// The newest schema version this binary can read and write.
    public static var latestSupportedVersion: Int { migrations.last?.version ?? 0 }

    /// Opens the database at `path`, creating it (and its folder) if missing, and migrates it to
    /// ``latestSupportedVersion``.
    ///
    /// - Throws: ``JobStoreError/databaseTooNew(path:found:supported:)`` when a newer pfc-jobs wrote the file
    ///   (nothing is changed); ``JobStoreError/cannotOpen(path:reason:)`` for an unreadable or non-SQLite file.
    public convenience init(path: String) throws {
        try self.init(path: path, migrations: Self.migrations)
    }

    /// Opens with a chosen migration list; tests use a prefix to build an "older" database.
    package init(path: String, migrations: [Migration]) throws {
        self.path = path
        // Held until the file is a migrated database, so a concurrent first open never meets it empty.
        let creationLock = try Self.createIfMissing(path: path)
        defer {
            if let creationLock {
                flock(creationLock, LOCK_UN)
                closeFileDescriptor(creationLock)
            }
        }
        let supported = migrations.last?.version ?? 0
        let found = try Self.peekVersion(path: path)
        if found > supported {
            throw JobStoreError.databaseTooNew(path: path, found: found, supported: supported)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeoutSeconds)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // Keep the -wal file when the last connection closes. GRDB writes a dummy CREATE/DROP TABLE
            // whenever a pool opens on a missing or empty WAL, so a deleted WAL would make every open change
            // the file's bytes; with the WAL kept, opening and reading leaves the file as it was.
            var persist: CInt = 1
            _ = sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, &persist)
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw JobStoreError.cannotOpen(path: path, reason: Self.describe(error))
        }
        try migrate(to: migrations)
    }

    /// Copies everything from the WAL into the database file and closes every connection; afterwards the
    /// file alone holds the whole database (safe to copy). Further calls fail. Without `close()`, deinit
    /// closes the connections but recent writes may stay in the `-wal` file beside it.
    public func close() throws {
        try checkpoint()
        try pool.close()
    }

    /// Copies every committed change from the WAL into the database file (FULL checkpoint, waiting for
    /// readers). The WAL keeps its frames, which is what keeps later opens from writing (see the init).
    public func checkpoint() throws {
        try pool.writeWithoutTransaction { db in
            _ = try db.checkpoint(.full)
        }
    }

    /// The schema version, read through one read-only connection, so that a file this binary must refuse
    /// is never written to (a pool's set-up may write). `doctor` uses it to report the version before opening.
    package static func peekVersion(path: String) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in try recordedVersion(db) }
        } catch let error as JobStoreError {
            throw error
        } catch {
            throw JobStoreError.cannotOpen(path: path, reason: describe(error))
        }
    }

    /// Runs `body` in one IMMEDIATE transaction: the write lock is taken at BEGIN, so the reads inside see
    /// the state the writes apply to, and a busy database makes BEGIN wait (busy timeout) rather than fail
    /// halfway. With `rollback`, the work is undone at the end (dry runs).
    func immediateTransaction<T>(rollback: Bool = false, _ body: (Database) throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return rollback ? .rollback : .commit
            }
            return result!
        }
    }

    /// Creates the folder (0700) and an empty file (0600) when missing, so SQLite's own files
    /// (-wal, -shm), which copy the database file's mode, are private too.
    ///
    /// An existing file of zero bytes is refused, never silently turned into a new, empty database: a
    /// job database is never empty, so it was truncated or replaced, and its images and history would
    /// be gone without a word. A file is created under a temporary name, `flock`ed, and linked into
    /// place, so a process opening at the same moment finds it locked (and waits) rather than empty.
    /// - Returns: the descriptor holding the creation lock, to release once the database is set up;
    ///   nil for an existing file.
    private static func createIfMissing(path: String) throws -> Int32? {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw JobStoreError.cannotOpen(path: path, reason: "cannot create folder \(folder): \(folderFailure(folder))")
            }
        }
        for _ in 0..<3 {
            var info = stat()
            if stat(path, &info) == 0 {
                if info.st_size > 0 { return nil }
                try waitWhileBeingCreated(path: path)
                return nil
            }
            guard errno == ENOENT else { throw JobStoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
            let temporary = "\(path).creating-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let fd = open(temporary, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw JobStoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
            flock(fd, LOCK_EX)
            let linked = link(temporary, path) == 0
            let code = errno
            unlink(temporary)
            if linked { return fd }
            closeFileDescriptor(fd)
            guard code == EEXIST else { throw JobStoreError.cannotOpen(path: path, reason: String(cString: strerror(code))) }
        }
        return nil
    }

    /// A zero-byte file: another process may be creating the database (it holds the creation lock for a
    /// moment); wait for it, bounded. Still empty afterwards: refused.
    private static func waitWhileBeingCreated(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw JobStoreError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { closeFileDescriptor(fd) }
        let deadline = Date().addingTimeInterval(busyTimeoutSeconds)
        while flock(fd, LOCK_SH | LOCK_NB) != 0, Date() < deadline { usleep(10_000) }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_size > 0 { return }
        throw JobStoreError.cannotOpen(path: path, reason: "the file is empty (0 bytes). A job database is never empty, so this one was "
            + "truncated or replaced; it was left as it is, and no new database was made over it. Restore it from a "
            + "backup, or remove the empty file to start a new database")
    }

    /// Why a folder could not be created, in the system's words (not Foundation's "error 512").
    private static func folderFailure(_ folder: String) -> String {
        var path = folder
        var info = stat()
        while !path.isEmpty, path != "/", stat(path, &info) != 0 { path = (path as NSString).deletingLastPathComponent }
        if info.st_mode & S_IFMT != S_IFDIR { return "\(path) is not a folder" }
        if access(path, W_OK | X_OK) != 0 { return "\(path): \(String(cString: strerror(errno)))" }
        return "cannot create it"
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "\(error.resultCode)"
        }
        return "\(error)"
    }
}

/// At file scope so that `close` means the C function, not ``JobStore/close()``.
private func closeFileDescriptor(_ fd: Int32) {
    _ = close(fd)
}
