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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe(), error = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data((input ?? "").utf8))
        try stdin.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = out.isEmpty ? String(decoding: err, as: UTF8.self) : String(decoding: out, as: UTF8.self)
        return (process.terminationStatus, text)
    }
}

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
