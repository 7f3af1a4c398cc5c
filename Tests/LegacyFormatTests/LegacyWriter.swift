import Foundation
import JobStore
import OrderedJSON
import TestSupport
@testable import LegacyFormat

/// A legacy tool as a real Python process (Tests/Scripts/legacy_writer.py), adding entries to the tracking
/// file the two ways such tools do: in place (`open(path, "w")` truncates, then `json.dump`), or through a
/// temporary file and a rename. Writers share an flock of their own, so whatever is lost is lost to pfc-jobs.
struct LegacyWriter {
    let process = Process()
    let ids: [String]

    /// - Parameters:
    ///   - pause: seconds between truncating (or writing the temporary file) and writing (or renaming); -1: random, short.
    ///   - signal: a file created right after the truncation (in place only), so a test can act in that moment.
    ///   - gap: at most this many seconds (random) between two entries.
    init(mode: String, file: URL, prefix: String, count: Int, pause: Double = -1, signal: URL? = nil, gap: Double = 0.01) throws {
        ids = LegacyFiles.writerIDs(prefix: prefix, count: count)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", LegacyFiles.writerScript.path, mode, file.path, prefix, String(count), String(pause), signal?.path ?? "-", String(gap)]
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Polls (bounded) until the writer exits; kills it past the bound.
    func wait(seconds: Double = 120) -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func stop() { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
}

/// Polls until `path` exists (bounded).
func waitForFile(_ url: URL, seconds: Double = 20) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !FileManager.default.fileExists(atPath: url.path) {
        if Date() >= deadline { return false }
        usleep(2_000)
    }
    return true
}

extension LegacyFixture {
    /// Imported and exported once: where every later run starts from.
    func exportedStore(count: Int) throws -> JobStore {
        try writeRealisticLegacyFiles(count: count)
        let store = try openStore()
        try importLegacy(into: store)
        _ = try TrackingExport.run(store: store, to: trackingFile)
        return store
    }

    /// The tracking file with one more pending entry, written to `url` (default: the tracking file itself).
    func writeTrackingFile(adding id: String, to url: URL? = nil) throws {
        var document = try JSONValue.parse(Data(contentsOf: trackingFile))
        var entry = JSONObject()
        entry["status"] = JSONValue("pending")
        document[id] = .object(entry)
        try Data(document.serializedBytes(style: .pretty)).write(to: url ?? trackingFile)
    }
}
