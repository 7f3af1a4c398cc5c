import Foundation

/// The absolute path of the running program, for the scheduled entry (cron runs commands with a
/// minimal `PATH` and from the home folder, so a bare name or relative path would not be found).
///
/// ```swift
/// let binary = ExecutableLocator.currentExecutablePath()  // "/usr/local/bin/pfc-jobs"
/// ```
public enum ExecutableLocator {
    /// The path the program was started by, made absolute but with symlinks kept (so a
    /// `/usr/local/bin/pfc-jobs` link that an upgrade repoints keeps working); the resolved
    /// executable when that fails.
    public static func currentExecutablePath(arguments: [String] = CommandLine.arguments,
                                             environment: [String: String] = ProcessInfo.processInfo.environment,
                                             currentDirectory: String = FileManager.default.currentDirectoryPath) -> String {
        if let invoked = arguments.first, !invoked.isEmpty {
            if invoked.contains("/") {
                let url = URL(fileURLWithPath: invoked, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
                    .standardizedFileURL
                if FileManager.default.isExecutableFile(atPath: url.path) { return url.path }
            } else {
                for folder in (environment["PATH"] ?? "").split(separator: ":") where folder.hasPrefix("/") {
                    let candidate = "\(folder)/\(invoked)"
                    if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                }
            }
        }
        #if os(Linux)
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        #endif
        return Bundle.main.executableURL?.standardizedFileURL.path ?? "/usr/local/bin/pfc-jobs"
    }
}
