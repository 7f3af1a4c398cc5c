import JobJSON
import JobStore
import OrderedJSON

// The read-only tools: what the database knows, no API call.
extension JobTools {
    /// `check_batch_status`: one job as `show --json`, or every pending job as `list --status pending --json`.
    func checkBatchStatus(_ arguments: ToolArguments) throws -> JSONValue {
        if arguments.value("batch_job_id") != nil {
            return .object(try detail(try job(arguments).id))
        }
        return listings(try context.store.jobs(status: .pending))
    }

    /// `list_jobs`: as `list --json`, newest first.
    func listJobs(_ arguments: ToolArguments) throws -> JSONValue {
        var status: JobStatus?
        if let word = try arguments.string("status") {
            guard let known = JobStatus(rawValue: word.lowercased()) else {
                throw ToolFailure("list_jobs: status \"\(word)\": takes \(JobStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            status = known
        }
        let limit = try arguments.integer("limit", in: 0...Int.max)
        return listings(try context.store.jobs(status: status, limit: limit))
    }

    private func listings(_ rows: [JobListing]) -> JSONValue {
        .array(rows.map { .object(JobJSON.listing($0)) })
    }
}
