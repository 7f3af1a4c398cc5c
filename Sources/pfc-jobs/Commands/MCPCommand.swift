import ArgumentParser
import Foundation
import Logging
import MCPServer

struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the job tools to an MCP client (Claude Desktop) over stdio.",
        discussion: """
        A Model Context Protocol server on stdin/stdout with the tools generate_image (queues a batch job; \
        priority "high" is refused), check_batch_status, retrieve_batch_results, list_jobs, retry_job and \
        cancel_job. Results are the JSON objects of the CLI's --json; errors come back as tool errors with the \
        CLI's text. Nothing but protocol messages reaches stdout: log lines go to the log file and stderr. \
        The API key is looked up at each call (GEMINI_API_KEY, else a .env beside the config file). Runs until \
        the client closes stdin. Give the config with an absolute --config path: the client picks the folder.
        """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let config = try options.loadConfig()
        let key = APIClientFactory.apiKey(config: config)
        let logger = try CommandLogger.open(config: config, key: key, console: true)
        let store = try CommandContext.open(config: config).store
        let context = JobToolContext(config: config, store: store, logger: logger) {
            try APIClientFactory.requireClient(config: config)
        }
        // The protocol gets its own descriptor for the real stdout, and descriptor 1 becomes stderr: a stray
        // print anywhere in the process then lands in the client's log instead of corrupting the JSON-RPC stream.
        let protocolOut = dup(STDOUT_FILENO)
        guard protocolOut >= 0, dup2(STDERR_FILENO, STDOUT_FILENO) >= 0 else {
            throw CommandFailure.runtime("cannot set up stdout for the protocol (errno \(errno))")
        }
        // A client that goes away mid-answer must end the write with EPIPE, not the process with a signal.
        signal(SIGPIPE, SIG_IGN)
        do {
            try await JobToolServer(context: context).serve(input: STDIN_FILENO, output: protocolOut)
        } catch {
            // The console log handler has said it on stderr already.
            logger.error("MCP server failed: \(error)")
            throw ExitCode.runtimeFailure
        }
    }
}
