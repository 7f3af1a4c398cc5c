import Foundation
import Testing
import LegacyFormat

/// A tracking file larger than any real one (a 200 MB file took 1.41 GB to parse) is refused with a clear
/// error naming it, before anything is read into memory.
@Suite struct OversizedTrackingFileTests {
    @Test func aFileBeyondTheCapIsRefusedUnread() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tracking-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        // A sparse file: 300 MB by its size, no disk used; a read of it would show in memory at once.
        FileManager.default.createFile(atPath: url.path, contents: Data("{".utf8))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(TrackingFile.maxBytes) + 44 << 20)
        try handle.close()
        #expect {
            _ = try TrackingFile.read(at: url)
        } throws: { error in
            let text = "\(error)"
            return text.contains(url.path) && text.contains("MB a tracking file can need")
        }
    }
}
