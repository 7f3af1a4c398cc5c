/// The result of ``JobStore/importJobs(_:dryRun:now:)``.
///
/// ```swift
/// let summary = try store.importJobs(entries, dryRun: true)
/// print("new \(summary.inserted), updated \(summary.updated), unchanged \(summary.unchanged)")
/// ```
public struct ImportSummary: Sendable, Hashable {
    /// One outcome per entry, in input order (an id given twice appears twice).
    public var outcomes: [(id: String, outcome: ImportOutcome)] { results.map { ($0.id, $0.outcome) } }
    public var inserted: Int { results.count(where: { $0.outcome == .inserted }) }
    public var updated: Int { results.count(where: { $0.outcome == .updated }) }
    public var unchanged: Int { results.count(where: { $0.outcome == .unchanged }) }
    /// True when the transaction was rolled back on purpose.
    public var dryRun: Bool

    struct Result: Sendable, Hashable {
        var id: String
        var outcome: ImportOutcome
    }

    var results: [Result]

    /// The outcome for `id` (the last one if the id appeared more than once).
    public func outcome(for id: String) -> ImportOutcome? {
        results.last { $0.id == id }?.outcome
    }
}
