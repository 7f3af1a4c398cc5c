import Foundation

/// Errors the job store reports with a message fit for an operator.
public enum JobStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The database records a schema version this binary does not know. Nothing was changed.
    case databaseTooNew(path: String, found: Int, supported: Int)
    /// The file could not be opened or created as a job database.
    case cannotOpen(path: String, reason: String)
    /// A migration's SQL failed; its transaction was rolled back.
    case migrationFailed(path: String, migration: String, reason: String)
    /// No job has this id (nor `batches/<id>`).
    case jobNotFound(String)
    /// The caller's claim is no longer the current holder of the job; nothing was changed.
    case leaseLost(String)
    /// Retrying a completed job retrieves it again; that needs `force`.
    case retryRequiresForce(String)
    /// The job is in a status that does not allow this change.
    case invalidTransition(jobID: String, from: JobStatus, to: JobStatus)
    /// A job with this id exists already.
    case jobAlreadyExists(String)
    /// The id is not an unbound `local/...` submit intent.
    case notAnIntent(String)
    /// The job has no image with this request key.
    case imageNotFound(jobID: String, requestKey: String)
    /// Another process (maybe on another machine) held the named database lock past the wait.
    case lockTimeout(name: String, seconds: Double)
    /// After a copy the target's table does not hold as many rows as the source's; the copy was rolled back.
    case copyMismatch(table: String, source: Int, target: Int)

    public var description: String {
        switch self {
        case let .databaseTooNew(path, found, supported):
            return "\(path): the database is at schema version \(found), but this pfc-jobs knows only up to "
                + "\(supported); use a newer pfc-jobs (the database was not changed)"
        case let .cannotOpen(path, reason):
            return "\(path): cannot open the job database: \(reason)"
        case let .migrationFailed(path, migration, reason):
            return "\(path): migration \(migration) failed and was rolled back: \(reason)"
        case let .jobNotFound(id):
            return "no job with id '\(id)'"
        case let .leaseLost(id):
            return "job '\(id)': lease lost to another holder; nothing was changed"
        case let .retryRequiresForce(id):
            return "job '\(id)' is completed; retrying retrieves it again, which needs --force"
        case let .invalidTransition(id, from, to):
            return "job '\(id)' is \(from.rawValue) and cannot become \(to.rawValue)"
        case let .jobAlreadyExists(id):
            return "a job with id '\(id)' exists already"
        case let .notAnIntent(id):
            return "'\(id)' is not an unsent submission (local/...)"
        case let .imageNotFound(id, key):
            return "job '\(id)' has no image with request key '\(key)'"
        case let .copyMismatch(table, source, target):
            return "copy refused and rolled back: \(table) would hold \(target) rows on the target but the source has \(source) "
                + "(the target holds rows of its own; copy into an empty database)"
        case let .lockTimeout(name, seconds):
            return "\(name): held by another pfc-jobs process (maybe on another machine) for more than \(seconds) s"
        }
    }
}

extension JobStoreError: LocalizedError {
    public var errorDescription: String? { description }
}
