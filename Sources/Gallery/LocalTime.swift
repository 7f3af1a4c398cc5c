import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Times as the gallery shows them: local wall-clock time (the page is made where its reader lives) and the
/// local date the date filter compares, through `localtime_r` (cheap enough for every card).
///
/// ```swift
/// LocalTime.minute(stamp)   // "2026-12-01 14:03"
/// LocalTime.day(stamp)      // "2026-12-01"
/// ```
enum LocalTime {
    static func minute(_ date: Date) -> String {
        let parts = fields(date)
        return String(format: "%04d-%02d-%02d %02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min))
    }

    static func day(_ date: Date) -> String {
        let parts = fields(date)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }

    /// ISO 8601 in UTC, for `<time datetime>`.
    static func iso(_ date: Date) -> String {
        date.ISO8601Format(.iso8601.year().month().day().time(includingFractionalSeconds: false))
    }

    private static func fields(_ date: Date) -> tm {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        return parts
    }
}
