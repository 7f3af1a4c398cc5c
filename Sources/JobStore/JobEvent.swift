/// One row of `job_events`: a state change in a job's history, as `show` prints it.
///
/// ```swift
/// for event in try store.events(jobID: "abc") { print(event.at, event.kind, event.message ?? "") }
/// ```
public struct JobEvent: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var jobID: String
    public var at: Timestamp
    public var kind: JobEventKind
    public var message: String?
}

extension JobEvent {
    init(row: StoreRow) {
        id = row["id"]
        jobID = row["job_id"]
        at = row["at"]
        kind = row["kind"]
        message = row["message"]
    }
}
