import Foundation
import Logging
import Testing
import TestSupport
@testable import FileLogging

/// Text from outside reaches the log: it cannot drive a terminal or forge a line, and the log file is
/// never written through a symbolic link (under root's cron, a link could point at any file).
@Suite struct HostileLogTests {
    /// A fresh folder per test, removed afterwards.
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }
    var logPath: URL { folder.appendingPathComponent("logs/batch_checker.log") }

    init() throws {
        scratch = try TemporaryFolder("logging-hostile")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("logs"), withIntermediateDirectories: true)
    }

    /// Raw control bytes in UTF-8 text, other than the newline ending each line: C0, DEL, and C1 (0xC2 0x80–0x9F).
    static func rawControls(_ bytes: [UInt8]) -> Int {
        var count = 0
        for (index, byte) in bytes.enumerated() where byte != 0x0A {
            if byte < 0x20 || byte == 0x7F { count += 1 }
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { count += 1 }
        }
        return count
    }

    @Test(arguments: [
        ("\u{1B}[2J", "\\u{1B}[2J"), ("ding\u{07}", "ding\\u{07}"), ("a\rb", "a\\rb"), ("tab\there", "tab\\there"),
        ("nul\u{0}", "nul\\u{00}"), ("del\u{7F}", "del\\u{7F}"), ("csi\u{9B}2J", "csi\\u{9B}2J"), ("café ✓", "café ✓"),
    ])
    func controlCharactersAreEscaped(raw: String, shown: String) {
        #expect(ControlCharacters.escaped(raw) == shown)
    }

    @Test func noRawControlByteReachesTheLogFile() throws {
        let key = "AIzaSy-hostile-key-0123456789"
        let file = try RotatingLogFile(path: logPath)
        let logger = Logger(label: "hostile") { _ in RotatingFileLogHandler(file: file, redactor: SecretRedactor(secrets: [key])) }
        let forged = "item\u{1B}[2J\u{1B}[31mred\u{07}\r[2026-01-01 00:00:00] [INFO] forged line\u{7F}\u{9B}0m \(key)"
        logger.error("batch failed: \(forged)", metadata: ["key": "\(forged)"])
        logger.info("second\nline")
        let bytes = Array(try Data(contentsOf: logPath))
        #expect(Self.rawControls(bytes) == 0)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.split(separator: "\n").count == 2, "one line per event: \(text)")
        #expect(text.contains("item\\u{1B}[2J\\u{1B}[31mred\\u{07}\\r[2026-01-01 00:00:00] [INFO] forged line\\u{7F}\\u{9B}0m [REDACTED]"))
        #expect(!text.contains(key))
        #expect(text.contains("second\\nline"))
    }

    @Test func aSymbolicLinkAtTheLogIsRefusedAndItsTargetUntouched() throws {
        let target = folder.appendingPathComponent("passwd")
        try Data("root:x:0:0\n".utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: logPath, withDestinationURL: target)
        do {
            _ = try RotatingLogFile(path: logPath)
            Issue.record("the log was opened through a link")
        } catch {
            #expect("\(error)" == "\(logPath.path): is a symbolic link; pfc-jobs does not follow a link here (remove it, and the log is created again)")
        }
        #expect(try Data(contentsOf: target) == Data("root:x:0:0\n".utf8))

        // The lock file beside it too.
        try FileManager.default.removeItem(at: logPath)
        try? FileManager.default.removeItem(atPath: logPath.path + ".lock")
        try FileManager.default.createSymbolicLink(at: URL(fileURLWithPath: logPath.path + ".lock"), withDestinationURL: target)
        #expect(throws: FileLoggingError.self) { try RotatingLogFile(path: logPath) }
        #expect(try Data(contentsOf: target) == Data("root:x:0:0\n".utf8))
    }

    @Test func aLinkPlantedAfterOpeningIsNotWrittenThrough() throws {
        let file = try RotatingLogFile(path: logPath)
        file.append(line: "first")
        let target = folder.appendingPathComponent("victim")
        try Data("victim\n".utf8).write(to: target)
        // Someone replaces the log by a link while the run goes on: the next line is not appended to the target.
        try FileManager.default.removeItem(at: logPath)
        try FileManager.default.createSymbolicLink(at: logPath, withDestinationURL: target)
        file.append(line: "second")
        #expect(try Data(contentsOf: target) == Data("victim\n".utf8))
    }

    @Test func aFIFOAtTheLogIsRefusedWithoutBlocking() throws {
        #expect(mkfifo(logPath.path, 0o600) == 0)
        let started = Date()
        #expect(throws: FileLoggingError.self) { try RotatingLogFile(path: logPath) }
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func aLogFolderThatIsALinkKeepsWorking() throws {
        let elsewhere = folder.appendingPathComponent("other-disk/logs")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let linked = folder.appendingPathComponent("linked")
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: elsewhere)
        let file = try RotatingLogFile(path: linked.appendingPathComponent("batch_checker.log"))
        file.append(line: "through a moved folder")
        #expect(try String(contentsOf: elsewhere.appendingPathComponent("batch_checker.log"), encoding: .utf8) == "through a moved folder\n")
    }
}
