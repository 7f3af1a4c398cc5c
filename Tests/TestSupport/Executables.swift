import Foundation

/// The package's executables (`pfc-jobs`, `claim-worker`, `bench-imaging`), which `swift test` builds next to
/// the test bundle (`.build/debug/`). The one place that knows where to look.
public enum Executables {
    /// Beside the test binary (as `/proc/self/exe` names it), beside the bundle, or beside `argv[0]`; the first
    /// candidate when none holds it, so a test's error names the expected path.
    public static func url(_ name: String) -> URL {
        var bundle = Bundle.main.bundleURL
        if bundle.pathExtension == "xctest" { bundle.deleteLastPathComponent() }
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [testBinary, bundle, beside, beside.deletingLastPathComponent()]
        for folder in candidates {
            let url = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return candidates[0].appendingPathComponent(name)
    }

    /// Like ``url(_:)``, but throws when the executable is not there (`swift build` was not run).
    public static func require(_ name: String) throws -> URL {
        let url = url(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw TestFailure("\(name) not found at \(url.path); run `swift build` first")
        }
        return url
    }

    public static var pfcJobs: URL { url("pfc-jobs") }
}
