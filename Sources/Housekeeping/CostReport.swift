/// The cost ledger as ``CostLedger/report(grouping:month:)`` builds it: its lines in order and their total.
public struct CostReport: Sendable, Hashable {
    public var grouping: CostGrouping
    /// The month the report is limited to, if any.
    public var month: LedgerMonth?
    public var lines: [CostLine]
    /// Every line added up (key `total`).
    public var total: CostLine

    public init(grouping: CostGrouping, month: LedgerMonth?, lines: [CostLine], total: CostLine) {
        self.grouping = grouping
        self.month = month
        self.lines = lines
        self.total = total
    }

    /// A report of no jobs (no database yet).
    public static func empty(grouping: CostGrouping, month: LedgerMonth?) -> CostReport {
        CostReport(grouping: grouping, month: month, lines: [], total: CostLine(key: "total"))
    }
}
