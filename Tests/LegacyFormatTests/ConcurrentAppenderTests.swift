import Foundation
import Testing
import JobStore
@testable import LegacyFormat

/// Another program (here a real Python process, written like the legacy tools: read the file, add a key,
/// write it back in place, no lock pfc-jobs knows) appends entries while pfc-jobs exports over and over.
@Suite struct ConcurrentAppenderTests {
    @Test func noAppendedEntryIsLost() throws {
        let fixture = try LegacyFixture()
        try fixture.writeRealisticLegacyFiles(count: 50)
        let store = try fixture.openStore()
        try fixture.importLegacy(into: store)
        let appendCount = 150
        let appender = try LegacyWriter(mode: "inplace", file: fixture.trackingFile, prefix: "appended", count: appendCount, pause: 0, gap: 0)
        defer { appender.stop() }
        var exports = 0
        var busy = 0
        let deadline = Date().addingTimeInterval(120)
        while appender.isRunning, Date() < deadline {
            do {
                _ = try TrackingExport.run(store: store, to: fixture.trackingFile)
                exports += 1
            } catch let error as LegacyFormatError where error.isAnotherWriterAtWork {
                busy += 1  // allowed: nothing was replaced, so nothing was lost
            }
        }
        #expect(appender.wait() == 0)
        // The appender may have written after the last export: one more export picks that up.
        _ = try TrackingExport.run(store: store, to: fixture.trackingFile)
        let stored = Set(try store.jobs().map(\.job.id))
        let inFile = Set(try TrackingFile.read(at: fixture.trackingFile).map(\.id))
        let appended = appender.ids
        let missing = appended.filter { !stored.contains($0) }
        #expect(missing.isEmpty, "lost \(missing.count) of \(appendCount) after \(exports) exports (\(busy) busy): \(missing.prefix(5))")
        #expect(inFile == stored)
        #expect(exports > 1)
    }
}
