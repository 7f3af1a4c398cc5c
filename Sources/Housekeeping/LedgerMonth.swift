import Foundation

/// A calendar month, `YYYY-MM`, as `cost --month` takes it.
///
/// ```swift
/// let month = try LedgerMonth.parse("2026-12", option: "--month")
/// month.text   // "2026-12"
/// ```
public struct LedgerMonth: Sendable, Hashable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Exactly four digits, a dash and two digits, month 01-12; anything else is an error naming `option`.
    public static func parse(_ text: String, option: String) throws(HousekeepingError) -> LedgerMonth {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month), year >= 1970 else {
            throw .invalidInput("\(option) \(text): expected a month as YYYY-MM, e.g. 2026-12")
        }
        return LedgerMonth(year: year, month: month)
    }

    /// `2026-12`.
    public var text: String { String(format: "%04d-%02d", year, month) }
    public var description: String { text }
}
