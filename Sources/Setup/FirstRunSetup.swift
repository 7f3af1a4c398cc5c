import AtomicFiles
import Foundation
import JobStore
import LegacyFormat
import OrderedJSON
import PFCConfig
import Scheduling

/// `pfc-jobs init`: config.json and `.env` when missing, the images folders, the job database
/// (importing a legacy tracking file), and the schedule (replacing the Python checker's cron entry).
///
/// Nothing the user already has is overwritten: an existing config is read and kept (only
/// `--interval`/`--enable`/`--disable` change those two keys, in place), an existing `.env` is kept.
/// Running it again is safe and reports that everything is in place.
///
/// ```swift
/// var request = InitRequest(configFile: URL(fileURLWithPath: "/home/me/pfc/config.json"))
/// request.imagesRoot = "~/Pictures/ai-generated-images"
/// try FirstRunSetup(request: request).run { print($0) }   // one line per thing done
/// ```
public struct FirstRunSetup: Sendable {
    public var request: InitRequest

    public init(request: InitRequest) { self.request = request }

    /// Does the setup, reporting one line per step through `say`. `prompter` (a terminal) asks for
    /// the settings the flags did not give when a new config is written.
    public func run(prompter: InitPrompter? = nil, say: (String) -> Void) throws {
        if request.apiKeyFromEnvironment, environmentKey == nil { throw SetupError.apiKeyNotInEnvironment }
        var config = try prepareConfig(prompter: prompter, say: say)
        if let databaseFile = request.databaseFile { config.jobsDatabase = databaseFile }
        try prepareDotEnv(say: say)
        try createFolders(config, say: say)
        try prepareDatabase(config, say: say)
        try prepareSchedule(config, say: say)
        say("next: pfc-jobs doctor --config '\(request.configFile.path)' checks the whole setup")
    }

    var environmentKey: String? {
        guard let key = request.environment[APIKeyLocator.variableName]?.trimmingCharacters(in: .whitespaces),
              !key.isEmpty else { return nil }
        return key
    }

    // MARK: config.json

    func prepareConfig(prompter: InitPrompter?, say: (String) -> Void) throws -> Config {
        let file = request.configFile
        if FileManager.default.fileExists(atPath: file.path) {
            var config = try Config.read(file: file, home: request.home)
            say("kept the existing config \(file.path)")
            if request.intervalMinutes != nil || request.enabled != nil {
                let minutes = request.intervalMinutes ?? config.batchCheckIntervalMinutes
                guard SchedulePlan.validIntervals.contains(minutes) else {
                    throw SetupError.invalidAnswer(field: "--interval", value: String(minutes), allowed: "\(SchedulePlan.validIntervals)")
                }
                if try ConfigFileEditor.set(intervalMinutes: minutes, enabled: request.enabled, in: file) {
                    say("updated \(file.lastPathComponent): batch_check_interval_minutes \(minutes)"
                        + (request.enabled.map { ", batch_check_enabled \($0)" } ?? ""))
                    config = try Config.read(file: file, home: request.home)
                }
            }
            if let root = request.imagesRoot, resolved(root) != config.imagesRoot.path {
                say("note: --images-root \(root) not applied; the config's generated_images_path is \(config.imagesRoot.path) (edit the file to change it)")
            }
            return config
        }
        var request = self.request
        if let prompter { try prompter.complete(&request) }
        let root = request.imagesRoot.map(storedRoot) ?? Config.defaultImagesRoot
        let minutes = request.intervalMinutes ?? 30
        guard SchedulePlan.validIntervals.contains(minutes) else {
            throw SetupError.invalidAnswer(field: "--interval", value: String(minutes), allowed: "\(SchedulePlan.validIntervals)")
        }
        let enabled = request.enabled ?? true
        let object = ConfigTemplate.object(imagesRoot: root, intervalMinutes: minutes, enabled: enabled)
        do {
            try AtomicFile.createFolder(file.deletingLastPathComponent())
            // replacing: false, so a config another process created meanwhile is not overwritten.
            try AtomicFile.write(JSONValue.object(object).serializedBytes(style: .pretty), to: file, mode: 0o644, replacing: false)
        } catch {
            throw SetupError.cannotWrite(path: file.path, reason: "\(error)")
        }
        say("wrote \(file.path) (images root \(root), every \(minutes) min, checking \(enabled ? "enabled" : "disabled"))")
        return try Config.read(file: file, home: request.home)
    }

    /// How an `--images-root` answer is stored: `~` forms as typed (the config stays portable
    /// between machines), anything else absolute against the current folder.
    func storedRoot(_ root: String) -> String {
        if root == "~" || root.hasPrefix("~/") { return root }
        return URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: request.currentDirectory, isDirectory: true))
            .standardizedFileURL.path
    }

    func resolved(_ root: String) -> String {
        let stored = storedRoot(root)
        return URL(fileURLWithPath: PathExpansion.expandTilde(stored, home: request.home)).standardizedFileURL.path
    }
}
