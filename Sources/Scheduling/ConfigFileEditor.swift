import AtomicFiles
import Foundation
import OrderedJSON

/// Changes scheduling keys in config.json in place: the other keys, their values and their
/// order stay as they were (other tools share the file), and the write is atomic.
///
/// ```swift
/// try ConfigFileEditor.set(intervalMinutes: 45, in: URL(fileURLWithPath: "/home/me/config.json"))
/// ```
public enum ConfigFileEditor {
    public static let intervalKey = "batch_check_interval_minutes"
    public static let enabledKey = "batch_check_enabled"

    /// Sets `batch_check_interval_minutes` (and `batch_check_enabled` when given). A key
    /// already present keeps its position; a new one goes at the end. Returns false when the
    /// file already held these values (then nothing is written).
    @discardableResult
    public static func set(intervalMinutes: Int, enabled: Bool? = nil, in file: URL) throws -> Bool {
        try SchedulePlan.validate(intervalMinutes: intervalMinutes)
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw ConfigFileEditorError(path: file.path, reason: "cannot read: \((error as NSError).localizedDescription)")
        }
        let document: JSONValue
        do { document = try JSONValue.parse(data) } catch {
            throw ConfigFileEditorError(path: file.path, reason: "not valid JSON: \(error)")
        }
        guard var object = document.objectValue else {
            throw ConfigFileEditorError(path: file.path, reason: "the config must be a JSON object")
        }
        let original = object
        if object[intervalKey]?.numberValue?.intValue != intervalMinutes { object[intervalKey] = JSONValue(intervalMinutes) }
        if let enabled, object[enabledKey]?.boolValue != enabled { object[enabledKey] = JSONValue(enabled) }
        if object == original { return false }
        do {
            try AtomicFile.write(JSONValue.object(object).serializedBytes(style: .pretty), to: file)
        } catch {
            throw ConfigFileEditorError(path: file.path, reason: "cannot write: \(error)")
        }
        return true
    }
}

/// A config.json that could not be updated, naming the file.
public struct ConfigFileEditorError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
