/// How `cost` groups the jobs into lines: by the month or day they were submitted, by model, or one line
/// per job.
public enum CostGrouping: String, Sendable, Hashable, CaseIterable {
    case month
    case day
    case model
    case job
}
