import Logging
import MCP

/// `pfc-jobs mcp`: the job tools served over the Model Context Protocol with the official Swift SDK. An MCP
/// client (Claude Desktop) starts it as a child process and speaks JSON-RPC over its stdin and stdout.
///
/// ```swift
/// try await JobToolServer(context: context).serve(output: STDOUT_FILENO)   // until the client closes stdin
/// ```
/// Every line the server logs goes to the context's logger (the log file, and stderr); stdout carries nothing
/// but protocol messages.
public struct JobToolServer: Sendable {
    public static let name = "pfc-jobs"
    public static let version = "1.0.0"

    /// What the client may show the model before any tool call: the workflow in three sentences.
    public static let instructions = """
        Queue images with generate_image: each call creates a Gemini batch job (half price, results within 24 hours) \
        and returns its batch_job_id. The scheduled pfc-jobs check retrieves finished jobs into the images folder; \
        retrieve_batch_results fetches one now, check_batch_status and list_jobs show where jobs are, retry_job and \
        cancel_job act on one. Nothing is generated immediately: there is no priority "high" here.
        """

    let tools: JobTools

    public init(context: JobToolContext) { tools = JobTools(context: context) }

    /// Registers the tool handlers on a new MCP server and starts it on `transport`. The server answers until
    /// the transport ends (``Server/waitUntilCompleted()``) or is stopped.
    public func start(on transport: any Transport) async throws -> Server {
        let server = Server(name: Self.name, version: Self.version, title: "PeeperFrog Create batch jobs",
                            instructions: Self.instructions, capabilities: .init(tools: .init(listChanged: false)))
        let tools = self.tools
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: ToolDefinitions.all) }
        await server.withMethodHandler(CallTool.self) { params in
            try await tools.call(params.name, arguments: params.arguments)
        }
        try await server.start(transport: transport)
        tools.context.logger.info("MCP server started: \(ToolName.allCases.count) tools, config \(tools.context.config.sourceFile?.path ?? "(built-in defaults)")")
        return server
    }

    /// Serves over stdio (``StdioLineTransport``) until the client closes `input`: JSON-RPC lines in on `input`,
    /// out on `output` (the process's real stdout). The SDK's own lines go to the log at warning level and above.
    public func serve(input: Int32 = 0, output: Int32) async throws {
        var sdkLogger = tools.context.logger
        sdkLogger.logLevel = .warning
        let transport = StdioLineTransport(input: input, output: output, logger: sdkLogger)
        let server = try await start(on: transport)
        await server.waitUntilCompleted()
        await server.stop()
        tools.context.logger.info("MCP server stopped: the client closed its end")
    }
}
