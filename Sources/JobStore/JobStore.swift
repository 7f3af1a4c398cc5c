import Foundation
import GRDB
import GRDBSQLite
import PostgresClient

/// The job database: jobs, their images, check runs and history, shared safely by concurrent processes.
///
/// Two backends behind one interface. A file path opens SQLite: opening creates the file (mode 0600, its
/// folder 0700), the database runs in WAL mode with a 10 s busy timeout, and every write is one IMMEDIATE
/// transaction, so concurrent writers queue instead of failing with `SQLITE_BUSY`. A `postgresql://` URL
/// opens a server several machines share, through one libpq connection (the password from `PGPASSWORD` or
/// `~/.pgpass`, never from the URL). Either way the migrations the database lacks are applied.
///
/// ```swift
/// let store = try JobStore(path: "/srv/images/metadata/jobs.sqlite3")   // or "postgresql://pfc@db/jobs"
/// let summary = try store.importJobs(entries, dryRun: false)
/// for claim in try store.claimDueJobs(owner: "host:4242", limit: 10, leaseSeconds: 300) { /* ... */ }
/// ```
public final class JobStore: Sendable {
    /// The database file, or the PostgreSQL URL (which never carries a password).
    public let path: String
    /// The connection every query runs on.
    let database: any StoreDatabase

    /// Ids of submit intents not yet bound to an API batch name start with this.
    public static let intentIDPrefix = "local/"

    /// How long a writer waits for another process's transaction before giving up.
    public static let busyTimeoutSeconds: TimeInterval = 10

    /// The SQLite migrations compiled into this binary, in order.
    public static var migrations: [Migration] { EmbeddedMigrations.all }

    /// The migrations of one backend, in order (the same versions and names on both).
    public static func migrations(for backend: StoreBackend) -> [Migration] {
        backend == .sqlite ? EmbeddedMigrations.all : EmbeddedMigrations.postgresql
    }

    /// The newest schema version this binary can read and write.
    public static var latestSupportedVersion: Int { migrations.last?.version ?? 0 }

    /// Which database this store talks to.
    public var backend: StoreBackend { database.backend }

    /// Opens the database at `path` (a file, created with its folder if missing) or at a `postgresql://`
    /// URL, and migrates it to ``latestSupportedVersion``.
    ///
    /// - Throws: ``JobStoreError/databaseTooNew(path:found:supported:)`` when a newer pfc-jobs wrote it
    ///   (nothing is changed); ``JobStoreError/cannotOpen(path:reason:)`` for an unreadable or non-SQLite
    ///   file, an unreachable server, or a URL that carries a password.
    public convenience init(path: String) throws {
        let backend: StoreBackend = PostgresURL.isPostgresURL(path) ? .postgresql : .sqlite
        try self.init(path: path, migrations: Self.migrations(for: backend))
    }

    /// Opens with a chosen migration list; tests use a prefix to build an "older" database.
    package init(path: String, migrations: [Migration]) throws {
        if PostgresURL.isPostgresURL(path) {
            let url: PostgresURL
            do {
                url = try PostgresURL(path)
                self.path = url.redacted
                database = try PostgresStoreDatabase(url: url)
            } catch let error as PostgresError {
                throw JobStoreError.cannotOpen(path: PostgresURL.redact(path), reason: error.description)
            }
            try migrate(to: migrations)
            return
        }
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
            database = SQLiteStoreDatabase(pool: try DatabasePool(path: path, configuration: configuration))
        } catch {
            throw JobStoreError.cannotOpen(path: path, reason: Self.describe(error))
        }
        try migrate(to: migrations)
    }

    /// Closes the store; further calls fail. On SQLite it first copies everything from the WAL into the
    /// database file, so the file alone holds the whole database (safe to copy). Without `close()`, deinit
    /// closes the connections but recent writes may stay in the `-wal` file beside it.
    public func close() throws {
        try database.close()
    }

    /// On SQLite, copies every committed change from the WAL into the database file (FULL checkpoint,
    /// waiting for readers); the WAL keeps its frames, which is what keeps later opens from writing (see the
    /// init). Nothing to do on PostgreSQL.
    public func checkpoint() throws {
        try (database as? SQLiteStoreDatabase)?.checkpoint()
    }

    /// The schema version of a SQLite file, read through one read-only connection, so that a file this
    /// binary must refuse is never written to (a pool's set-up may write). `doctor` uses it to report the
    /// version before opening.
    package static func peekVersion(path: String) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeoutSeconds)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in try recordedVersion(SQLiteStoreTransaction(db: db)) }
        } catch let error as JobStoreError {
            throw error
        } catch {
            throw JobStoreError.cannotOpen(path: path, reason: describe(error))
        }
    }

    /// Runs `body` in one write transaction that takes its lock at BEGIN (SQLite: IMMEDIATE), so the reads
    /// inside see the state the writes apply to. `lock` ``StoreWriteLock/rows`` lets PostgreSQL writers of
    /// different jobs run side by side. With `rollback`, the work is undone at the end (dry runs).
    @discardableResult
    func immediateTransaction<T>(rollback: Bool = false, lock: StoreWriteLock = .store,
                                 _ body: (any StoreTransaction) throws -> T) throws -> T {
        try database.write(lock: lock, rollback: rollback, body)
    }

    /// Runs `body` in one read transaction (one consistent snapshot).
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try database.read(body)
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
        if let error = error as? PostgresError { return error.description }
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
