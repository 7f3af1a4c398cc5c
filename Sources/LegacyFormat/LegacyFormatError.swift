import AtomicFiles
import OrderedJSON
#if canImport(Glibc)
import Glibc
#endif

/// A problem with a legacy file, naming the file and, where there is one, the entry and field.
///
/// Entry ids are shown as JSON strings (`"batches/x\u0000"`), so an id holding control characters or
/// quotes is shown as the file spells it and cannot disturb a terminal or a log line.
public enum LegacyFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case invalidJSON(file: String, reason: String)
    case notAnObject(file: String)
    case entryNotAnObject(file: String, entry: String, found: String)
    case wrongFieldType(file: String, entry: String, field: String, expected: String, found: String)
    case invalidTime(file: String, entry: String, field: String, value: String)
    case writeFailed(file: String, reason: String)
    /// Another program kept rewriting the file; nothing was replaced, a later run tries again.
    case busy(file: String)
    /// The file looked mid-write (empty, not valid JSON yet, or fewer entries than the last export)
    /// for the whole wait: another program is probably writing it. It was left as it is.
    case unsettled(file: String, state: String, seconds: Double)
    /// Another process held the lock file past the bound.
    case lockTimeout(file: String, reason: String)
    /// A symbolic link, FIFO, device or folder where a regular file belongs; it was left alone.
    case refused(file: String, reason: String)
    /// An entry id that cannot name a job exactly (control characters, `.` / `..` / empty path parts).
    case invalidID(file: String, entry: String, reason: String)
    /// Text that cannot be read without changing it (invalid UTF-8, a lone surrogate).
    case inexactText(file: String, reason: String)
    /// A file pfc-jobs did not write has the name (a sidecar path); it was not replaced.
    case notOurs(file: String)

    /// True for a file another program is busy with: nothing was changed and a later run tries again
    /// (`check` logs a warning and exits 0; `export-json` exits 1).
    public var isAnotherWriterAtWork: Bool {
        switch self {
        case .busy, .unsettled, .lockTimeout: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "\(file): cannot read: \(reason)"
        case .invalidJSON(let file, let reason):
            "\(file): not valid JSON: \(reason)"
        case .notAnObject(let file):
            "\(file): expected a JSON object at the top level"
        case .entryNotAnObject(let file, let entry, let found):
            "\(file): entry \(Self.quoted(entry)) must be an object, found \(found)"
        case .wrongFieldType(let file, let entry, let field, let expected, let found):
            "\(file): entry \(Self.quoted(entry)): field \"\(field)\" must be \(expected), found \(found)"
        case .invalidTime(let file, let entry, let field, let value):
            "\(file): entry \(Self.quoted(entry)): field \"\(field)\" is not an ISO-8601 time: \(Self.quoted(value))"
        case .writeFailed(let file, let reason):
            "\(file): cannot write: \(reason)"
        case .busy(let file):
            "\(file): another program kept rewriting the file; not replaced this time, try again"
        case .unsettled(let file, let state, let seconds):
            "\(file): \(state) (watched for \(Self.seconds(seconds))); another program seems to be writing it, so it was "
                + "left as it is this time (if none is, fix or remove the file)"
        case .lockTimeout(let file, let reason):
            "\(file): \(reason); the tracking file was left as it is this time"
        case .refused(let file, let reason):
            "\(file): \(reason)"
        case .invalidID(let file, let entry, let reason):
            "\(file): entry \(Self.quoted(entry)): \(reason); the entry was refused, not changed (nothing was taken from the file)"
        case .inexactText(let file, let reason):
            "\(file): \(reason); nothing was taken from the file (fix that text)"
        case .notOurs(let file):
            "\(file): a file pfc-jobs did not write is there; it was left as it is"
        }
    }

    /// A text as a JSON string literal: control characters escaped, quotes and backslashes too.
    static func quoted(_ text: String) -> String { JSONValue.string(text).serialized() }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}

extension LegacyFormatError {
    /// A failed read in the legacy folders: a refused link or special file keeps its own words, any
    /// other failure is "cannot read" with the system's reason (never Foundation's "error 256").
    static func reading(_ error: AtomicFileError) -> LegacyFormatError {
        if let detail = error.detail { return .refused(file: error.path, reason: detail) }
        return .unreadable(file: error.path, reason: String(cString: strerror(error.code)))
    }
}
