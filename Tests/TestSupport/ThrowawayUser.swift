import Foundation

/// A system user created for one test (`useradd --no-create-home pfctest<random>`) so the real
/// `crontab` program can be exercised without touching the tester's own crontab. Tests using
/// it run only as root (here and in CI).
public struct ThrowawayUser {
    public let name: String

    public static var canCreate: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/useradd") }

    public static func create() throws -> ThrowawayUser {
        let name = "pfctest\(UInt32.random(in: 100_000...999_999))"
        // useradd fails when another process holds the passwd lock; retry a bounded number of times.
        var lastError = ""
        for _ in 0..<20 {
            let result = try run("/usr/sbin/useradd", ["--no-create-home", name])
            if result.status == 0 { return ThrowawayUser(name: name) }
            lastError = result.output
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw TestFailure("useradd \(name) failed: \(lastError)")
    }

    /// Deletes the user's crontab (userdel leaves the spool file behind) and the user.
    public func delete() {
        _ = try? Self.run("/usr/bin/crontab", ["-u", name, "-r"])
        _ = try? Self.run("/usr/sbin/userdel", [name])
    }

    /// Writes the user's crontab directly with the real program, bypassing the library.
    public func setCrontab(_ text: String) throws {
        let result = try Self.run("/usr/bin/crontab", ["-u", name, "-"], input: text)
        guard result.status == 0 else { throw TestFailure("crontab - failed: \(result.output)") }
    }

    /// The user's crontab as the real program lists it ("" when none).
    public func crontab() throws -> String {
        let result = try Self.run("/usr/bin/crontab", ["-u", name, "-l"])
        if result.status == 1 && result.output.contains("no crontab for") { return "" }
        guard result.status == 0 else { throw TestFailure("crontab -l failed: \(result.output)") }
        return result.output
    }

    /// Runs a program and returns its status and stdout (stderr when stdout is empty).
    public static func run(_ path: String, _ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        let result = try ProgramRun.run(path, arguments, input: input)
        return (result.status, result.stdout.isEmpty ? result.stderr : result.output)
    }
}
