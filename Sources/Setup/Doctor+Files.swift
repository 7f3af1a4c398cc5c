import Foundation
import PFCConfig

extension Doctor {
    /// Where the key comes from, in ``APIKeyLocator``'s order; the key itself is never shown.
    func apiKeyCheck(configFile: URL?) -> DoctorCheck {
        let beside = (configFile?.deletingLastPathComponent() ?? URL(fileURLWithPath: currentDirectory, isDirectory: true))
            .appendingPathComponent(".env")
        var dotEnvFiles: [URL] = []
        if let configFile { dotEnvFiles.append(configFile.deletingLastPathComponent().appendingPathComponent(".env")) }
        dotEnvFiles.append(URL(fileURLWithPath: currentDirectory, isDirectory: true).appendingPathComponent(".env"))
        let fileWithKey = dotEnvFiles.first { file in
            guard let text = try? String(contentsOf: file, encoding: .utf8),
                  let key = DotEnv.parse(text)[APIKeyLocator.variableName] else { return false }
            return !key.isEmpty
        }
        let inEnvironment = !(environment[APIKeyLocator.variableName]?.trimmingCharacters(in: .whitespaces).isEmpty ?? true)
        switch (inEnvironment, fileWithKey) {
        case (_, .some(let file)):
            return DoctorCheck(check: .apiKey, verdict: .pass,
                               detail: "GEMINI_API_KEY is set in \(file.standardizedFileURL.path)"
                                   + (inEnvironment ? " and in the environment (the environment wins)" : "") + " (not shown)")
        case (true, nil):
            return DoctorCheck(check: .apiKey, verdict: .warn,
                               detail: "GEMINI_API_KEY is set only in the environment; cron passes no environment, so scheduled runs will not see it",
                               hint: "pfc-jobs init --api-key-from-env writes it to \(beside.path) (mode 0600)")
        case (false, nil):
            return DoctorCheck(check: .apiKey, verdict: .fail,
                               detail: "GEMINI_API_KEY not found (environment, \(dotEnvFiles.map(\.standardizedFileURL.path).joined(separator: ", ")))",
                               hint: "put a line GEMINI_API_KEY=<your key> in \(beside.path) and chmod 600 it")
        }
    }

    /// The images root and its existing subfolders must take new files.
    func imagesRootCheck(_ config: Config) -> DoctorCheck {
        let paths = config.paths
        let root = paths.root
        switch FileProbe.kind(root) {
        case .file:
            return DoctorCheck(check: .imagesRoot, verdict: .fail, detail: "\(root.path) is a file, not a folder",
                               hint: "point generated_images_path in the config at a folder")
        case .missing:
            let ancestor = FileProbe.nearestExistingAncestor(of: root)
            if FileProbe.kind(ancestor) == .folder, FileProbe.writeFailure(inFolder: ancestor) == nil {
                return DoctorCheck(check: .imagesRoot, verdict: .warn,
                                   detail: "\(root.path) does not exist yet (it can be created in \(ancestor.path))",
                                   hint: "pfc-jobs init creates it")
            }
            return DoctorCheck(check: .imagesRoot, verdict: .fail,
                               detail: "\(root.path) does not exist and cannot be created: \(ancestor.path) is not writable",
                               hint: "fix generated_images_path in the config, or create the folder with the right owner")
        case .folder:
            let folders = [root, paths.originalFolder, paths.webpFolder, paths.jsonFolder, paths.metadataFolder]
            for folder in folders where FileProbe.kind(folder) == .folder {
                if let reason = FileProbe.writeFailure(inFolder: folder) {
                    return DoctorCheck(check: .imagesRoot, verdict: .fail, detail: "\(folder.path) is not writable: \(reason)",
                                       hint: "chown/chmod the folder so this user can write it (or fix generated_images_path)")
                }
            }
            let missing = folders.filter { FileProbe.kind($0) == .missing }.map(\.lastPathComponent)
            return DoctorCheck(check: .imagesRoot, verdict: .pass,
                               detail: "\(root.path) is writable"
                                   + (missing.isEmpty ? "" : " (not created yet: \(missing.joined(separator: ", ")))"))
        }
    }

    /// The checker's log: writable (or creatable), and how big it and its rotated copies are.
    func logCheck(_ config: Config) -> DoctorCheck {
        let file = config.paths.logFile
        switch FileProbe.kind(file) {
        case .folder:
            return DoctorCheck(check: .log, verdict: .fail, detail: "\(file.path) is a folder, not a log file",
                               hint: "move it out of the way")
        case .file:
            if let reason = FileProbe.appendFailure(file: file) {
                return DoctorCheck(check: .log, verdict: .fail, detail: "\(file.path) is not writable: \(reason)",
                                   hint: "chown the file to this user and chmod 600 it")
            }
            let size = FileProbe.size(file) ?? 0
            let rotated = (1...50).map { URL(fileURLWithPath: "\(file.path).\($0)") }.compactMap(FileProbe.size)
            var detail = "\(file.path) is writable, \(FileProbe.humanSize(size))"
            if !rotated.isEmpty {
                detail += " (+\(rotated.count) rotated, \(FileProbe.humanSize(rotated.reduce(0, +))))"
            }
            return DoctorCheck(check: .log, verdict: .pass, detail: detail)
        case .missing:
            let ancestor = FileProbe.nearestExistingAncestor(of: file)
            if FileProbe.kind(ancestor) == .folder, FileProbe.writeFailure(inFolder: ancestor) == nil {
                return DoctorCheck(check: .log, verdict: .pass,
                                   detail: "no log yet; \(file.path) will be created by the first check run")
            }
            return DoctorCheck(check: .log, verdict: .fail,
                               detail: "\(file.path) cannot be created: \(ancestor.path) is not writable",
                               hint: "make \(ancestor.path) writable for this user")
        }
    }

    /// Files holding the key or job state should be readable by their owner only.
    func privateFilesCheck(_ config: Config) -> DoctorCheck {
        let paths = config.paths
        var files = [paths.database, URL(fileURLWithPath: paths.database.path + "-wal"), paths.logFile]
        if let source = config.sourceFile { files.append(source.deletingLastPathComponent().appendingPathComponent(".env")) }
        let exposed = files.compactMap { file -> String? in
            guard FileProbe.kind(file) == .file, let mode = FileProbe.mode(file), mode & 0o077 != 0 else { return nil }
            return "\(file.path) (\(FileProbe.octal(mode)))"
        }
        guard exposed.isEmpty else {
            return DoctorCheck(check: .privateFiles, verdict: .warn,
                               detail: "readable by other users: \(exposed.joined(separator: ", "))",
                               hint: "chmod 600 each file named")
        }
        return DoctorCheck(check: .privateFiles, verdict: .pass,
                           detail: "the database, log and .env that exist are private to their owner (0600)")
    }
}
