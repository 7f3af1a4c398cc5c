import Foundation
import JobJSON
import JobStore
import MCP
import OrderedJSON

/// The handlers behind the tools: each reads its arguments, calls the same library code as the CLI command it
/// mirrors (`submit`, `show`, `list`, `check --job`, `retry`, `cancel`) and answers with the same JSON objects
/// as that command's `--json`. A refusal or failure is a tool error (`isError: true`) carrying the CLI's text.
///
/// ```swift
/// let tools = JobTools(context: context)
/// let result = try await tools.call("list_jobs", arguments: ["status": "pending"])
/// ```
public struct JobTools: Sendable {
    let context: JobToolContext

    public init(context: JobToolContext) { self.context = context }

    /// Runs one tool call. A name that is no tool here is a protocol error (`invalidParams`), as the MCP
    /// specification asks; everything else answers with a result, an error result when the call failed.
    public func call(_ name: String, arguments: [String: Value]?) async throws -> CallTool.Result {
        guard let tool = ToolName(rawValue: name) else {
            throw MCPError.invalidParams("Unknown tool: \(name) (this server has \(ToolName.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        do {
            let given = try ToolArguments(tool: name, values: arguments, accepted: ToolDefinitions.accepted(tool))
            let answer = try await run(tool, given)
            return CallTool.Result(content: [.text(text: answer.serialized(style: .pretty), annotations: nil, _meta: nil)],
                                   isError: false)
        } catch {
            let text = ToolFailure.text(of: error)
            context.logger.warning("MCP \(name): \(text)")
            return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], isError: true)
        }
    }

    private func run(_ tool: ToolName, _ arguments: ToolArguments) async throws -> JSONValue {
        switch tool {
        case .generateImage: .object(try await generateImage(arguments))
        case .checkBatchStatus: try checkBatchStatus(arguments)
        case .retrieveBatchResults: .object(try await retrieveBatchResults(arguments))
        case .listJobs: try listJobs(arguments)
        case .retryJob: .object(try retryJob(arguments))
        case .cancelJob: .object(try await cancelJob(arguments))
        }
    }

    /// The job `batch_job_id` names (full id or bare suffix), or the CLI's "no job with id" error.
    func job(_ arguments: ToolArguments) throws -> Job {
        let id = try arguments.requiredString("batch_job_id")
        guard let job = try context.store.job(id: id) else { throw JobStoreError.jobNotFound(id) }
        return job
    }

    /// The job as `show --json` prints it, read again from the database, with `message` last.
    func detail(_ id: String, message: String? = nil) throws -> JSONObject {
        guard let job = try context.store.job(id: id) else { throw JobStoreError.jobNotFound(id) }
        var object = JobJSON.detail(job: job, images: try context.store.images(jobID: job.id),
                                    events: try context.store.events(jobID: job.id))
        if let message { object["message"] = JSONValue(message) }
        return object
    }
}
