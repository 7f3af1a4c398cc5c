/// Why a tool call did not do what it was asked: the text the model reads in the tool error (`isError`), the
/// same sentence the CLI prints after `pfc-jobs: error:`.
///
/// ```swift
/// throw ToolFailure("generate_image: \"webp_quality\" must be 0-100")
/// ```
public struct ToolFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// The text of any error that reaches a tool: its own description (every library error here has one that
    /// names the file, job or field), so the MCP client reads what the CLI would print.
    static func text(of error: any Error) -> String {
        if let failure = error as? ToolFailure { return failure.message }
        return String(describing: error)
    }
}
