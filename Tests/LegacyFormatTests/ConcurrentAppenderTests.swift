import Foundation
import Testing
import JobStore
@testable import LegacyFormat

/// Another program (here a real Python process, written like the legacy tools: read the file, add a key,
/// write it back in place, no lock) appends entries while pfc-jobs exports over and over.
@Suite struct ConcurrentAppenderTests {
    static let appender = """
    import json, sys, os
    path, count = sys.argv[1], int(sys.argv[2])
    for i in range(count):
        while True:
            try:
                with open(path) as f:
                    data = json.load(f)
                break
            except (json.JSONDecodeError, FileNotFoundError):
                continue  # caught the file mid-write by the other side; read again
        key = "batches/appended%04d" % i
        data[key] = {"batch_job_id": key, "status": "pending", "submitted_at": "2026-11-01T12:00:00",
                     "last_checked": None, "completed_at": None, "retrieved": False, "check_count": 0}
        with open(path, "w") as f:
            json.dump(data, f, indent=2)
    """

    @Test func noAppendedEntryIsLost() throws {
        let fixture = try LegacyFixture()
        try fixture.writeRealisticLegacyFiles(count: 50)
        let store = try fixture.openStore()
        try fixture.importLegacy(into: store)
        let script = fixture.root.appendingPathComponent("appender.py")
        try Self.appender.write(to: script, atomically: true, encoding: .utf8)
        let appendCount = 150
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, fixture.trackingFile.path, String(appendCount)]
        try process.run()
        var exports = 0
        var busy = 0
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline {
            do {
                _ = try TrackingExport.run(store: store, to: fixture.trackingFile)
                exports += 1
            } catch LegacyFormatError.busy {
                busy += 1  // allowed: nothing was replaced, so nothing was lost
            }
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // The appender may have written after the last export: one more export picks that up.
        _ = try TrackingExport.run(store: store, to: fixture.trackingFile)
        let stored = Set(try store.jobs().map(\.job.id))
        let inFile = Set(try TrackingFile.read(at: fixture.trackingFile).map(\.id))
        let appended = (0..<appendCount).map { String(format: "batches/appended%04d", $0) }
        let missing = appended.filter { !stored.contains($0) }
        #expect(missing.isEmpty, "lost \(missing.count) of \(appendCount) after \(exports) exports (\(busy) busy): \(missing.prefix(5))")
        #expect(inFile == stored)
        #expect(exports > 1)
    }
}
