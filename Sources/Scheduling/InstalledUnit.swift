import Foundation

/// A systemd timer or launchd agent found installed (``ScheduleTarget/installedUnit(intervalMinutes:executablePath:configPath:)``):
/// the file that names it, and whether it is exactly what `schedule install` would write now.
public struct InstalledUnit: Sendable, Equatable {
    /// The timer file, or the agent's plist.
    public let file: URL
    /// False when the interval, the binary or the config differ (or the files were edited by hand).
    public let matches: Bool
}
