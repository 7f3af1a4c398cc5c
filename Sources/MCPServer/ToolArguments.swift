import Foundation
import MCP

/// A tool call's arguments, read with the types the tool's schema promises. A value of the wrong type, or a
/// field the tool does not take, is a ``ToolFailure`` naming the tool and the field, so a model can fix its
/// call: `generate_image: "search_grounding" must be true or false`.
///
/// ```swift
/// let arguments = try ToolArguments(tool: "list_jobs", values: params.arguments, accepted: ["status", "limit"])
/// let limit = try arguments.integer("limit", in: 1...500)   // nil when absent or null; out of range refused
/// ```
struct ToolArguments: Sendable {
    let tool: String
    let values: [String: Value]

    init(tool: String, values: [String: Value]?, accepted: [String]) throws(ToolFailure) {
        self.tool = tool
        self.values = values ?? [:]
        if let unknown = self.values.keys.sorted().first(where: { !accepted.contains($0) }) {
            throw ToolFailure("\(tool): unknown argument \"\(unknown)\" (\(tool) takes \(accepted.joined(separator: ", ")))")
        }
    }

    /// The value, nil when absent or JSON null.
    func value(_ key: String) -> Value? {
        guard let value = values[key], !value.isNull else { return nil }
        return value
    }

    func string(_ key: String) throws(ToolFailure) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else { throw ToolFailure("\(tool): \"\(key)\" must be a string") }
        return text
    }

    func requiredString(_ key: String) throws(ToolFailure) -> String {
        guard let text = try string(key), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ToolFailure("\(tool): \"\(key)\" is required (a non-empty string)")
        }
        return text
    }

    func bool(_ key: String) throws(ToolFailure) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let flag = value.boolValue else { throw ToolFailure("\(tool): \"\(key)\" must be true or false") }
        return flag
    }

    /// An integer; a whole number sent as a float (`85.0`) counts.
    func integer(_ key: String, in range: ClosedRange<Int>) throws(ToolFailure) -> Int? {
        guard let value = value(key) else { return nil }
        let number: Int? = value.intValue ?? value.doubleValue.flatMap { $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }
        guard let number, range.contains(number) else {
            let bounds = range.upperBound == Int.max ? "\(range.lowerBound) or more" : "\(range.lowerBound)-\(range.upperBound)"
            throw ToolFailure("\(tool): \"\(key)\" must be a whole number, \(bounds)")
        }
        return number
    }
}
