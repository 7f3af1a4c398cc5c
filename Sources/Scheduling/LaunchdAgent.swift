import AtomicFiles
import Foundation

/// The macOS launchd agent equivalent of the crontab entry, written to
/// `~/Library/LaunchAgents/<label>.plist`. `StartInterval` is the interval itself, so no skip
/// gate is needed; launchd runs a firing missed during sleep once on wake.
///
/// ```swift
/// let agent = try LaunchdAgent(intervalMinutes: 45, executablePath: "/usr/local/bin/pfc-jobs",
///                              configPath: "/Users/me/config.json")
/// try agent.install(home: URL(fileURLWithPath: NSHomeDirectory()))
/// ```
public struct LaunchdAgent: Sendable, Equatable {
    public static let label = "com.peeperfrog.pfc-jobs.check"

    public let intervalMinutes: Int
    public let executablePath: String
    public let configPath: String

    public init(intervalMinutes: Int, executablePath: String, configPath: String) throws {
        try SchedulePlan.validate(intervalMinutes: intervalMinutes)
        _ = try CrontabEntry(plan: .forInterval(intervalMinutes), executablePath: executablePath, configPath: configPath)
        self.intervalMinutes = intervalMinutes
        self.executablePath = executablePath
        self.configPath = configPath
    }

    public static func plistFile(home: URL) -> URL {
        home.appendingPathComponent("Library/LaunchAgents/\(label).plist")
    }

    public var plistContent: String {
        let arguments = [executablePath, "check", "--config", configPath]
            .map { "        <string>\(Self.xmlEscaped($0))</string>" }
            .joined(separator: "\n")
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
        <plist version="1.0">
        <dict>
            <key>Label</key>
            <string>\(Self.label)</string>
            <key>ProgramArguments</key>
            <array>
        \(arguments)
            </array>
            <key>StartInterval</key>
            <integer>\(intervalMinutes * 60)</integer>
            <key>RunAtLoad</key>
            <false/>
        </dict>
        </plist>

        """
    }

    /// Writes the plist atomically (folder created if missing); returns its path.
    @discardableResult
    public func install(home: URL) throws -> URL {
        let file = Self.plistFile(home: home)
        do {
            try AtomicFile.createFolder(file.deletingLastPathComponent(), mode: 0o755)
            try AtomicFile.write(Array(plistContent.utf8), to: file, mode: 0o644)
        } catch {
            throw ScheduleError.unitFileFailed(path: file.path, reason: "\(error)")
        }
        return file
    }

    /// Deletes the plist; returns whether it existed.
    @discardableResult
    public static func remove(home: URL) throws -> Bool {
        let file = plistFile(home: home)
        guard FileManager.default.fileExists(atPath: file.path) else { return false }
        do { try FileManager.default.removeItem(at: file) } catch {
            throw ScheduleError.unitFileFailed(path: file.path, reason: "\(error)")
        }
        return true
    }

    public static let activationCommands = ["launchctl load -w ~/Library/LaunchAgents/\(label).plist"]
    public static let deactivationCommands = ["launchctl unload -w ~/Library/LaunchAgents/\(label).plist"]

    static func xmlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
