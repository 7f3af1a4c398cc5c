import Foundation
import Testing
import TestSupport
@testable import FileLogging

/// Several real processes (the `bench-imaging log-writer` helper) log to one file while it rotates.
@Suite struct ConcurrentLoggingTests {
    static var helper: URL { Executables.url("bench-imaging") }

    @Test func fourProcessesLoseAndInterleaveNoLineAcrossRotations() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logging-mp-\(UUID().uuidString)")
        let log = folder.appendingPathComponent("logs/batch_checker.log")
        let writers = 4, linesPerWriter = 600, maxBytes = 16 * 1024, backups = 200
        #expect(FileManager.default.isExecutableFile(atPath: Self.helper.path), "missing \(Self.helper.path)")

        let processes = try (0..<writers).map { writer in
            let process = Process()
            process.executableURL = Self.helper
            process.arguments = ["log-writer", log.path, "\(linesPerWriter)", "\(writer)", "\(maxBytes)", "\(backups)"]
            try process.run()
            return process
        }
        // Bounded poll; a stuck child is killed (SIGKILL: children inherit a blocked SIGTERM).
        let deadline = Date().addingTimeInterval(60)
        while processes.contains(where: \.isRunning), Date() < deadline { usleep(20_000) }
        for process in processes where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationReason == .exit && $0.terminationStatus == 0 })

        var seen: [String: Int] = [:]
        var files = 0
        let pattern = #/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] \[INFO\] writer (\d) line (\d+) x{60}$/#
        for suffix in [""] + (1...backups).map({ ".\($0)" }) {
            let path = log.path + suffix
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            files += 1
            #expect(text.hasSuffix("\n"), "\(path) ends mid-line")
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            #expect(size <= maxBytes, "\(path) is \(size) bytes")
            for line in text.split(separator: "\n") {
                guard let match = line.wholeMatch(of: pattern) else {
                    Issue.record("malformed line in \(path): \(line)")
                    continue
                }
                seen["\(match.1)/\(match.2)", default: 0] += 1
            }
        }
        #expect(files > 5, "expected several rotations, found \(files) files")
        #expect(seen.count == writers * linesPerWriter)
        #expect(seen.values.allSatisfy { $0 == 1 })
        let missing = (0..<writers).flatMap { w in (0..<linesPerWriter).map { "\(w)/\($0)" } }.filter { seen[$0] == nil }
        #expect(missing.isEmpty, "missing \(missing.prefix(10))")
        try? FileManager.default.removeItem(at: folder)
    }
}
