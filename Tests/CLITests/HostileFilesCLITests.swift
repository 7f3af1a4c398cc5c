import Foundation
import Testing
import JobStore

/// The commands a person runs, against files a careless user, another program or another account left
/// in the images root: the real binary, a real config, database and tracking file in a temporary home.
@Suite struct HostileFilesCLITests {
    struct Setup {
        let root: URL
        var config: URL { root.appendingPathComponent("config.json") }
        var metadata: URL { root.appendingPathComponent("images/metadata") }
        var tracking: URL { metadata.appendingPathComponent("batch_jobs_tracking.json") }
        var database: URL { metadata.appendingPathComponent("jobs.sqlite3") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("pfc-hostile-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: metadata, withIntermediateDirectories: true)
            try #"{"generated_images_path": "\#(root.path)/images"}"#.write(to: config, atomically: true, encoding: .utf8)
        }

        /// `pfc-jobs ARGS --config …`, output through files, waited for with a bound.
        func run(_ arguments: [String], environment extra: [String: String] = [:],
                 seconds: Double = 60) throws -> (status: Int32, out: Data, err: String) {
            let out = root.appendingPathComponent("out-\(UUID().uuidString)"), err = root.appendingPathComponent("err-\(UUID().uuidString)")
            FileManager.default.createFile(atPath: out.path, contents: nil)
            FileManager.default.createFile(atPath: err.path, contents: nil)
            let process = Process()
            process.executableURL = Bundle.main.executableURL!.deletingLastPathComponent().appendingPathComponent("pfc-jobs")
            process.arguments = arguments + ["--config", config.path]
            process.environment = ["HOME": root.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"].merging(extra) { $1 }
            process.currentDirectoryURL = root
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning, Date() < deadline { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return (process.terminationStatus, try Data(contentsOf: out), String(decoding: try Data(contentsOf: err), as: UTF8.self))
        }
    }

    /// Raw control bytes other than the line feed: C0, DEL, and C1 in UTF-8 (0xC2 0x80–0x9F).
    static func rawControls(_ data: Data) -> Int {
        let bytes = Array(data)
        var count = 0
        for (index, byte) in bytes.enumerated() where byte != 0x0A {
            if byte < 0x20 || byte == 0x7F { count += 1 }
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { count += 1 }
        }
        return count
    }

    @Test func aZeroLengthDatabaseIsRefusedAndLeftAlone() throws {
        let setup = try Setup()
        FileManager.default.createFile(atPath: setup.database.path, contents: nil)
        for command in [["list"], ["export-json"], ["show", "abc"]] {
            let result = try setup.run(command)
            #expect(result.status == 1, "\(command): \(result.err)")
            #expect(result.err.contains("\(setup.database.path): cannot open the job database: the file is empty (0 bytes)"), "\(result.err)")
            #expect(result.err.contains("no new database was made over it"))
        }
        #expect(try Data(contentsOf: setup.database).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: setup.database.path + "-wal"))

        // A missing database is still created, as always.
        try FileManager.default.removeItem(at: setup.database)
        let created = try setup.run(["export-json"])
        #expect(created.status == 0, "\(created.err)")
        #expect(try Data(contentsOf: setup.database).count > 0)
    }

    /// An empty tracking file is a writer at work: export-json waits a few seconds, then exits 1 and leaves it.
    @Test func exportJSONLeavesAnEmptyTrackingFileAloneAndExitsOne() throws {
        let setup = try Setup()
        try Data().write(to: setup.tracking)
        let started = Date()
        let result = try setup.run(["export-json"])
        #expect(result.status == 1)
        #expect(result.err.contains("export skipped: \(setup.tracking.path): empty (watched for 3 s)"), "\(result.err)")
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(try Data(contentsOf: setup.tracking).isEmpty)
    }

    @Test func aFIFOOrALinkAtTheTrackingFileEndsAtOnceNamingIt() throws {
        let setup = try Setup()
        #expect(mkfifo(setup.tracking.path, 0o600) == 0)
        let started = Date()
        let export = try setup.run(["export-json"], seconds: 20)
        #expect(export.status == 1)
        #expect(export.err.contains("export failed: \(setup.tracking.path): is a FIFO (named pipe), not a regular file"), "\(export.err)")
        let imported = try setup.run(["import-json"], seconds: 20)
        #expect(imported.status == 2)
        #expect(imported.err.contains("is a FIFO"), "\(imported.err)")
        #expect(Date().timeIntervalSince(started) < 15)

        try FileManager.default.removeItem(at: setup.tracking)
        let target = setup.root.appendingPathComponent("other.json")
        let targetBytes = Data(#"{"batches/theirs": {"status": "pending"}}"#.utf8)
        try targetBytes.write(to: target)
        try FileManager.default.createSymbolicLink(at: setup.tracking, withDestinationURL: target)
        let linked = try setup.run(["import-json"])
        #expect(linked.status == 2)
        #expect(linked.err.contains("\(setup.tracking.path): is a symbolic link"), "\(linked.err)")
        let exported = try setup.run(["export-json"])
        #expect(exported.status == 1 && exported.err.contains("is a symbolic link"))
        #expect(try Data(contentsOf: target) == targetBytes)
        let listed = try setup.run(["list", "--json"])
        #expect(!String(decoding: listed.out, as: UTF8.self).contains("theirs"))
    }

    @Test func importJSONRefusesAnIdItCannotKeepNamingTheEntry() throws {
        let setup = try Setup()
        try Data(#"{"batches/good": {"status": "pending"}, "batches/a\u0000b": {"status": "pending"}}"#.utf8).write(to: setup.tracking)
        let result = try setup.run(["import-json"])
        #expect(result.status == 2)
        #expect(result.err.contains(#"entry "batches/a\u0000b": the id holds the control character U+0000 (NUL)"#), "\(result.err)")
        let listed = try setup.run(["list", "--json"])
        #expect(String(decoding: listed.out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    /// Control characters stored from a legacy file (a status spelled as an API state is kept as the
    /// remote state, a prompt as the request) reach no terminal raw; `--json` keeps them exactly.
    @Test func controlCharactersReachNoTerminalRaw() throws {
        let setup = try Setup()
        let hostile = "RUNNING\u{1B}[2J\u{1B}[31m\u{07}\r[2026-01-01 00:00:00] [ERROR] forged\u{7F}\u{9B}"
        let state = "BATCH_STATE_" + hostile
        let tracking: [String: Any] = ["batches/ctl": ["batch_job_id": "batches/ctl", "status": state, "submitted_at": "2026-02-07T21:00:00",
                                                     "retrieved": false, "check_count": 1]]
        try JSONSerialization.data(withJSONObject: tracking).write(to: setup.tracking)
        let request = setup.metadata.appendingPathComponent("batch_metadata/batches/ctl.json")
        try FileManager.default.createDirectory(at: request.deletingLastPathComponent(), withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: ["prompt": "a frog\u{1B}]0;owned\u{07}"]).write(to: request)
        let imported = try setup.run(["import-json"])
        #expect(imported.status == 0, "\(imported.err)")

        for command in [["list"], ["show", "batches/ctl"]] {
            let result = try setup.run(command)
            #expect(result.status == 0, "\(result.err)")
            #expect(Self.rawControls(result.out) == 0, "\(command): \(String(decoding: result.out, as: UTF8.self))")
            #expect(String(decoding: result.out, as: UTF8.self).contains("RUNNING\\u{1B}[2J"))
        }
        let shown = try setup.run(["show", "batches/ctl"])
        #expect(String(decoding: shown.out, as: UTF8.self).contains("a frog\\u{1B}]0;owned\\u{07}"))
        for command in [["list", "--json"], ["show", "batches/ctl", "--json"]] {
            let result = try setup.run(command)
            #expect(Self.rawControls(result.out) == 0)
            let parsed = try JSONSerialization.jsonObject(with: result.out)
            let job = (parsed as? [[String: Any]])?.first ?? (parsed as? [String: Any]) ?? [:]
            #expect(job["remote_state"] as? String == state, "--json keeps the text exactly")
        }
    }

    /// `crontab` (here a stand-in that writes down its environment) never sees the key.
    @Test func childProcessesDoNotInheritTheKey() throws {
        let setup = try Setup()
        let dump = setup.root.appendingPathComponent("crontab-env")
        let fake = setup.root.appendingPathComponent("fake-crontab")
        try """
        #!/bin/sh
        env >> '\(dump.path)'
        if [ "$1" = "-l" ]; then echo "no crontab for $(id -un)" >&2; exit 1; fi
        cat > /dev/null
        """.write(to: fake, atomically: true, encoding: .utf8)
        chmod(fake.path, 0o755)
        let key = "AIzaSy-child-\(UUID().uuidString)"
        let result = try setup.run(["schedule", "install", "--crontab-program", fake.path],
                                   environment: ["GEMINI_API_KEY": key, "GOOGLE_API_KEY": key, "KEY_COPY": "x=\(key)", "KEPT": "yes"])
        #expect(result.status == 0, "\(result.err)")
        let environment = try String(contentsOf: dump, encoding: .utf8)
        #expect(environment.contains("KEPT=yes"), "the stand-in ran: \(environment)")
        #expect(!environment.contains(key))
        #expect(!environment.contains("GEMINI_API_KEY") && !environment.contains("KEY_COPY"))
    }
}
