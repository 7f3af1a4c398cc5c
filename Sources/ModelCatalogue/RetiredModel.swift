/// A model id the service shut down, and the live one that replaces it.
///
/// ```swift
/// RetiredModel(id: "gemini-3-pro-image-preview", replacement: "gemini-3-pro-image", shutDown: "2026-06-25").notice
/// // "gemini-3-pro-image-preview was shut down on 2026-06-25; use gemini-3-pro-image"
/// ```
public struct RetiredModel: Sendable, Hashable {
    public var id: String
    public var replacement: String
    /// `YYYY-MM-DD` when known.
    public var shutDown: String?

    public init(id: String, replacement: String, shutDown: String?) {
        self.id = id
        self.replacement = replacement
        self.shutDown = shutDown
    }

    /// One sentence for error messages and reports.
    public var notice: String {
        "\(id) was shut down\(shutDown.map { " on \($0)" } ?? ""); use \(replacement)"
    }
}
