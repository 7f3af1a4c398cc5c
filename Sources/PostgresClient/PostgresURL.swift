import Foundation

/// A `postgresql://user@host:port/dbname?sslmode=...` connection URL, checked before libpq sees it.
///
/// A password is refused wherever it could hide (`user:secret@`, `?password=`): a URL travels through
/// config files, argv and logs. libpq takes the password from `PGPASSWORD` or `~/.pgpass` itself.
///
/// ```swift
/// let url = try PostgresURL("postgresql://pfc@db.studio:5432/jobs?sslmode=require")
/// print(url.redacted)   // safe to print
/// ```
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// The URL as given (it carries no password).
    public let text: String

    /// Whether `text` is meant as a PostgreSQL URL (and not a file path).
    public static func isPostgresURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    public init(_ text: String) throws {
        guard Self.isPostgresURL(text) else {
            throw PostgresError(kind: .badURL, message: "\(Self.redact(text)): not a postgresql:// URL")
        }
        let rest = text[text.range(of: "://")!.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") {
            throw PostgresError(kind: .badURL, message: "\(Self.redact(text)): the URL carries a password; remove it "
                + "and put the password in PGPASSWORD (environment or .env) or in ~/.pgpass")
        }
        if let query = rest.firstIndex(of: "?") {
            let names = rest[rest.index(after: query)...].split(separator: "&")
                .map { $0.split(separator: "=", maxSplits: 1).first.map(String.init)?.lowercased() ?? "" }
            if names.contains("password") {
                throw PostgresError(kind: .badURL, message: "\(Self.redact(text)): the URL carries a password parameter; "
                    + "remove it and put the password in PGPASSWORD (environment or .env) or in ~/.pgpass")
            }
        }
        self.text = text
    }

    /// The URL with any password replaced by `***` (for URLs refused or found elsewhere).
    public var redacted: String { Self.redact(text) }

    public var description: String { redacted }

    /// `scheme://user:***@host/...?password=***`: whatever a string holds, no password survives.
    public static func redact(_ text: String) -> String {
        var result = text
        if let scheme = result.range(of: "://") {
            let afterScheme = scheme.upperBound
            let end = result[afterScheme...].firstIndex { $0 == "/" || $0 == "?" } ?? result.endIndex
            if let at = result[afterScheme..<end].lastIndex(of: "@"),
               let colon = result[afterScheme..<at].firstIndex(of: ":") {
                result.replaceSubrange(result.index(after: colon)..<at, with: "***")
            }
        }
        if let regex = try? NSRegularExpression(pattern: "(?i)(password=)[^&]*") {
            let range = NSRange(result.startIndex..., in: result)
            result = regex.stringByReplacingMatches(in: result, range: range, withTemplate: "$1***")
        }
        return result
    }
}
