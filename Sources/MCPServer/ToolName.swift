/// The tools `pfc-jobs mcp` serves, by the names the old PeeperFrog Create server used where it had them.
public enum ToolName: String, Sendable, CaseIterable {
    case generateImage = "generate_image"
    case checkBatchStatus = "check_batch_status"
    case retrieveBatchResults = "retrieve_batch_results"
    case listJobs = "list_jobs"
    case retryJob = "retry_job"
    case cancelJob = "cancel_job"
}
