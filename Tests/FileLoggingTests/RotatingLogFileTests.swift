import Foundation
import Logging
import Testing
import TestSupport
@testable import FileLogging

@Suite struct RotatingLogFileTests {
    /// A fresh folder per test, removed afterwards.
    let scratch: TemporaryFolder
    var folder: URL { scratch.url }
    var logPath: URL { folder.appendingPathComponent("logs/batch_checker.log") }

    init() throws {
        scratch = try TemporaryFolder("logging")
    }

    func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
    }

    func permissions(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func handlerWritesLegacyLinesWithFileAndFolderModes() throws {
        let file = try RotatingLogFile(path: logPath)
        var logger = Logger(label: "test") { _ in RotatingFileLogHandler(file: file, logLevel: .debug) }
        logger.info("Batch checker started")
        logger.debug("details", metadata: ["job": "batches/1"])
        logger[metadataKey: "run"] = "7"
        logger.error("boom")
        logger.trace("below the level: not written")

        let written = try lines(logPath)
        #expect(written.count == 3)
        #expect(written.allSatisfy { $0.wholeMatch(of: LogLineFormatterTests.linePattern) != nil })
        #expect(written[0].hasSuffix("] [INFO] Batch checker started"))
        #expect(written[1].hasSuffix("] [DEBUG] details job=batches/1"))
        #expect(written[2].hasSuffix("] [ERROR] boom run=7"))
        #expect(try permissions(logPath.path) == 0o600)
        #expect(try permissions(logPath.deletingLastPathComponent().path) == 0o700)
    }

    @Test func rotatesToNumberedBackupsAndDropsTheOldest() throws {
        let file = try RotatingLogFile(path: logPath, maxBytes: 100, backupCount: 3)
        // 40-byte lines (39 + newline): two fit in 100 bytes, the third rotates.
        let lineCount = 11
        for index in 0..<lineCount { file.append(line: String(format: "line %02d ", index) + String(repeating: "-", count: 31)) }

        let names = try FileManager.default.contentsOfDirectory(atPath: logPath.deletingLastPathComponent().path).sorted()
        #expect(names == ["batch_checker.log", "batch_checker.log.1", "batch_checker.log.2", "batch_checker.log.3", "batch_checker.log.lock"])
        // Newest in the file itself, then .1, .2, .3; lines 00-02 rotated out of .3 and are gone.
        let current = try lines(logPath), first = try lines(URL(fileURLWithPath: logPath.path + ".1"))
        let second = try lines(URL(fileURLWithPath: logPath.path + ".2")), third = try lines(URL(fileURLWithPath: logPath.path + ".3"))
        #expect(current.map { $0.prefix(7) } == ["line 10"])
        #expect(first.map { $0.prefix(7) } == ["line 08", "line 09"])
        #expect(second.map { $0.prefix(7) } == ["line 06", "line 07"])
        #expect(third.map { $0.prefix(7) } == ["line 04", "line 05"])
        for path in [logPath.path, logPath.path + ".1", logPath.path + ".2", logPath.path + ".3"] {
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0 <= 100)
            #expect(try permissions(path) == 0o600)
        }
    }

    @Test func aWriterNoticesAnotherWritersRotationAndReopens() throws {
        // Two independent instances behave like two processes: separate descriptors and flock locks.
        let first = try RotatingLogFile(path: logPath, maxBytes: 100, backupCount: 5)
        let second = try RotatingLogFile(path: logPath, maxBytes: 100, backupCount: 5)
        let line = String(repeating: "a", count: 39)
        first.append(line: line + "1")    // 41 bytes
        first.append(line: line + "2")    // 82 bytes
        second.append(line: line + "3")   // would pass 100: second rotates
        first.append(line: line + "4")    // first must write to the new file, not the rotated one
        #expect(try lines(URL(fileURLWithPath: logPath.path + ".1")) == [line + "1", line + "2"])
        #expect(try lines(logPath) == [line + "3", line + "4"])
    }

    @Test func deletedLogFileIsRecreated() throws {
        let file = try RotatingLogFile(path: logPath)
        file.append(line: "before")
        try FileManager.default.removeItem(at: logPath)
        file.append(line: "after")
        #expect(try lines(logPath) == ["after"])
    }

    @Test func unwritableFolderGivesAClearError() throws {
        let blocked = folder.appendingPathComponent("blocked")
        try Data().write(to: blocked)   // a file where the folder should be
        #expect {
            try RotatingLogFile(path: blocked.appendingPathComponent("x.log"))
        } throws: { error in
            (error as? FileLoggingError)?.path.hasPrefix(blocked.path) == true
        }
    }

    @Test func consoleHandlerWritesTheSameFormatRedacted() throws {
        let pipe = Pipe()
        let key = "AIza-console-secret-123"
        let handler = ConsoleLogHandler(redactor: SecretRedactor(secrets: [key]), descriptor: pipe.fileHandleForWriting.fileDescriptor)
        let logger = Logger(label: "console") { _ in handler }
        logger.warning("using key \(key)")
        try pipe.fileHandleForWriting.close()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.hasSuffix("] [WARNING] using key [REDACTED]\n"))
        #expect(String(text.dropLast()).wholeMatch(of: LogLineFormatterTests.linePattern) != nil)
    }
}
