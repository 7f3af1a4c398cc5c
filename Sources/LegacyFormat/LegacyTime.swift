import Foundation

/// The legacy tools' times: local ISO-8601 without a zone, as Python's `datetime.now().isoformat()`
/// writes them (`2026-02-07T21:00:00.123456`, or without the fraction when it is zero).
///
/// pfc-jobs stores microseconds since the Unix epoch; converting there and back gives the same text.
///
/// ```swift
/// let micros = LegacyTime.parse("2026-02-07T21:00:00.5")   // local time -> µs since 1970
/// LegacyTime.format(micros!)                               // "2026-02-07T21:00:00.500000"
/// ```
public enum LegacyTime {
    /// Parses `YYYY-MM-DD[T ]HH:MM[:SS[.ffffff]]`, with an optional `Z` or `±HH:MM` zone (local time when absent).
    public static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += digits
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
              let day = number(2) else { return nil }
        var hour = 0, minute = 0, second = 0, micros = 0
        if index < bytes.count {
            guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") else { return nil }
            index += 1
            guard let h = number(2), expect(UInt8(ascii: ":")), let m = number(2) else { return nil }
            hour = h; minute = m
            if expect(UInt8(ascii: ":")) {
                guard let s = number(2) else { return nil }
                second = s
                if expect(UInt8(ascii: ".")) {
                    var digits = 0
                    var fraction = 0
                    while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                        if digits < 6 { fraction = fraction * 10 + Int(bytes[index] - 48) }
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { return nil }
                    if digits < 6 { for _ in digits..<6 { fraction *= 10 } }
                    micros = fraction
                }
            }
        }
        var offsetSeconds: Int?
        if index < bytes.count {
            if expect(UInt8(ascii: "Z")) {
                offsetSeconds = 0
            } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let oh = number(2) else { return nil }
                _ = expect(UInt8(ascii: ":"))
                guard let om = number(2) else { return nil }
                offsetSeconds = sign * (oh * 3600 + om * 60)
            }
        }
        guard index == bytes.count, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
              second < 61 else { return nil }
        var components = tm()
        components.tm_year = Int32(year - 1900)
        components.tm_mon = Int32(month - 1)
        components.tm_mday = Int32(day)
        components.tm_hour = Int32(hour)
        components.tm_min = Int32(minute)
        components.tm_sec = Int32(second)
        let seconds: Int
        if let offsetSeconds {
            seconds = timegm(&components) - offsetSeconds
        } else {
            seconds = timegm(&components) - LocalOffsets.shared.offset(year: year, month: month, day: day, hour: hour)
        }
        return Int64(seconds) * 1_000_000 + Int64(micros)
    }

    /// Formats microseconds since the epoch as local ISO-8601 without a zone, Python style.
    public static func format(_ micros: Int64) -> String {
        let seconds = micros.floorDiv(1_000_000)
        let fraction = Int(micros - seconds * 1_000_000)
        var local = time_t(seconds) + time_t(LocalOffsets.shared.offset(atUTC: Int(seconds)))
        var parts = tm()
        gmtime_r(&local, &parts)
        // Built by hand: String(format:) costs more than the rest of exporting an entry.
        var text: [UInt8] = []
        text.reserveCapacity(26)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                text.append(UInt8(48 + rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4); text.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2); text.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2); text.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2); text.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2); text.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        if fraction != 0 {
            text.append(UInt8(ascii: "."))
            digits(fraction, 6)
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Microseconds since the epoch for a `Date`.
    public static func micros(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
}

extension Int64 {
    /// Division rounding towards negative infinity, so times before 1970 format correctly.
    func floorDiv(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

/// The local zone's UTC offset per local hour. `mktime` re-reads the zone on every call (a few
/// microseconds each, seconds for a 100k-entry file); offsets only change on hour boundaries.
final class LocalOffsets: @unchecked Sendable {
    // @unchecked Sendable: `offsets` is only touched while holding `lock`.
    static let shared = LocalOffsets()
    private let lock = NSLock()
    private var offsets: [Int: Int] = [:]
    private var utcOffsets: [Int: Int] = [:]

    /// Seconds east of UTC for that local hour, as `mktime` decides it (daylight saving included).
    func offset(year: Int, month: Int, day: Int, hour: Int) -> Int {
        let key = ((year * 100 + month) * 100 + day) * 100 + hour
        if let known = lock.withLock({ offsets[key] }) { return known }
        var local = tm()
        local.tm_year = Int32(year - 1900)
        local.tm_mon = Int32(month - 1)
        local.tm_mday = Int32(day)
        local.tm_hour = Int32(hour)
        local.tm_isdst = -1  // let mktime decide daylight saving time for the local zone
        var utc = local
        let offset = timegm(&utc) - mktime(&local)
        lock.withLock {
            if offsets.count > 100_000 { offsets.removeAll() }
            offsets[key] = offset
        }
        return offset
    }

    /// Seconds east of UTC at that instant, as `localtime_r` says; cached per UTC hour.
    func offset(atUTC seconds: Int) -> Int {
        let hour = seconds >= 0 ? seconds / 3600 : (seconds - 3599) / 3600
        let key = -1 - hour  // negative keys: never clash with the local-hour keys above
        if let known = lock.withLock({ utcOffsets[key] }) { return known }
        var instant = time_t(hour * 3600)
        var parts = tm()
        localtime_r(&instant, &parts)
        let offset = Int(parts.tm_gmtoff)
        lock.withLock {
            if utcOffsets.count > 100_000 { utcOffsets.removeAll() }
            utcOffsets[key] = offset
        }
        return offset
    }
}
