import AtomicFiles
import Foundation
import JobStore
import LegacyFormat
import PFCConfig
import Scheduling

extension FirstRunSetup {
    /// The `.env` beside the config (where cron runs find the key): written 0600 when missing,
    /// with the environment's key or a commented placeholder.
    func prepareDotEnv(say: (String) -> Void) throws {
        let file = request.configFile.deletingLastPathComponent().appendingPathComponent(".env")
        guard FileManager.default.fileExists(atPath: file.path) else {
            let body: String
            if let key = environmentKey {
                body = "# Gemini API key for pfc-jobs; cron passes no environment, so scheduled runs read it here.\n"
                    + "\(APIKeyLocator.variableName)=\(key)\n"
            } else {
                body = "# Gemini API key for pfc-jobs; cron passes no environment, so scheduled runs read it here.\n"
                    + "# Remove the # and put your key after the = sign:\n# \(APIKeyLocator.variableName)=\n"
            }
            try write(body, to: file, replacing: false)
            say(environmentKey != nil
                ? "wrote \(file.path) (mode 0600) with GEMINI_API_KEY from the environment"
                : "wrote \(file.path) (mode 0600) with a placeholder: put your GEMINI_API_KEY there")
            return
        }
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        let hasKey = !(DotEnv.parse(text)[APIKeyLocator.variableName] ?? "").isEmpty
        if request.apiKeyFromEnvironment, !hasKey, let key = environmentKey {
            let separator = text.isEmpty || text.hasSuffix("\n") ? "" : "\n"
            try write(text + separator + "\(APIKeyLocator.variableName)=\(key)\n", to: file, replacing: true)
            say("added GEMINI_API_KEY from the environment to \(file.path) (mode 0600)")
        } else {
            say("kept the existing \(file.path)" + (hasKey ? "" : " (it has no GEMINI_API_KEY line yet)"))
        }
        if let mode = FileProbe.mode(file), mode & 0o077 != 0 {
            say("note: \(file.path) is readable by other users (\(FileProbe.octal(mode))); chmod 600 it")
        }
    }

    /// Writes a secret file atomically with mode 0600 (an existing file's mode is tightened too).
    private func write(_ text: String, to file: URL, replacing: Bool) throws {
        do {
            let temporary = try AtomicFile.writeTemporary(Array(text.utf8), besides: file, mode: 0o600)
            try AtomicFile.commit(temporary: temporary, to: file, replacing: replacing)
        } catch {
            throw SetupError.cannotWrite(path: file.path, reason: "\(error)")
        }
    }

    /// The images root and its subfolders; the metadata and logs folders, which hold the database
    /// and the log, are created private (0700).
    func createFolders(_ config: Config, say: (String) -> Void) throws {
        let paths = config.paths
        let folders: [(URL, mode_t)] = [
            (paths.root, 0o755), (paths.originalFolder, 0o755), (paths.webpFolder, 0o755), (paths.jsonFolder, 0o755),
            (paths.metadataFolder, 0o700), (paths.logsFolder, 0o700),
        ]
        var created: [String] = []
        for (folder, mode) in folders where FileProbe.kind(folder) != .folder {
            do { try AtomicFile.createFolder(folder, mode: mode) } catch {
                throw SetupError.cannotWrite(path: folder.path, reason: "\(error)")
            }
            created.append(folder.path.hasPrefix(paths.root.path + "/") ? String(folder.path.dropFirst(paths.root.path.count + 1))
                                                                       : folder.path)
        }
        say(created.isEmpty ? "the images folders under \(paths.root.path) exist already"
                            : "created folders in \(paths.root.path): \(created.joined(separator: ", "))")
    }

    /// Opens (creating) the job database and imports the legacy tracking file when there is one.
    func prepareDatabase(_ config: Config, say: (String) -> Void) throws {
        let paths = config.paths
        let existed = paths.databaseIsServer || FileManager.default.fileExists(atPath: paths.database.path)
        let store = try JobStore(path: paths.databaseLocation)
        defer { try? store.close() }
        say(existed ? "opened the job database \(store.path)" : "created the job database \(paths.database.path) (mode 0600)")
        guard FileManager.default.fileExists(atPath: paths.trackingFile.path) else { return }
        let report = try LegacyImport.run(trackingFile: paths.trackingFile, batchMetadataFolder: paths.batchMetadataFolder,
                                          into: store, dryRun: false)
        let summary = report.summary
        say("imported \(paths.trackingFile.path): \(summary.inserted) new, \(summary.updated) updated, "
            + "\(summary.unchanged) unchanged, \(report.skipped.count) skipped")
    }

    /// Installs the crontab entry (replacing the Python checker's), or removes ours when checking is disabled.
    func prepareSchedule(_ config: Config, say: (String) -> Void) throws {
        guard request.installSchedule else {
            say("schedule not touched (--no-schedule); pfc-jobs schedule install does it later")
            return
        }
        let scheduler = CronScheduler(client: request.crontab)
        let target = ScheduleTarget.crontab(scheduler)
        guard config.batchCheckEnabled else {
            say("checking is disabled (batch_check_enabled: false): \(try target.remove())")
            if try scheduler.findings().hasLegacyEntry {
                say("note: the Python checker is still in the crontab; pfc-jobs schedule install replaces it, crontab -e removes it")
            }
            return
        }
        say(try target.install(intervalMinutes: config.batchCheckIntervalMinutes, executablePath: request.executablePath,
                               configPath: request.configFile.standardizedFileURL.path))
    }
}
