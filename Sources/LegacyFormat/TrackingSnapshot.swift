import Foundation
import AtomicFiles

/// The tracking file as read once it had settled: the open file, its bytes and its entries.
///
/// Other programs rewrite the file in place (`open(path, "w")`, then `json.dump`), so for a moment it
/// is empty or half-written. A file that is **empty** or **not valid JSON** is taken for a writer at work
/// and watched (bounded by ``TrackingFileWaits/settleSeconds``) until it parses; one with **fewer entries
/// than the last export wrote** must also stay unchanged for ``TrackingFileWaits/quietSeconds``. If it
/// does not settle, ``LegacyFormatError/unsettled(file:state:seconds:)`` says so and nothing is taken
/// from it or written over it; a JSON error that stays the same the whole time is reported as it is.
/// Errors that no writer at work produces (a wrong field type, a refused id) are reported at once.
///
/// ```swift
/// guard let snapshot = try TrackingSnapshot.read(paths.trackingFile, expectingAtLeast: 40) else { return }
/// print(snapshot.entries.count)
/// ```
struct TrackingSnapshot {
    let file: ReadOnlyFile
    let bytes: [UInt8]
    let entries: [TrackingEntry]

    /// Nil when there is no file.
    /// - Parameter expectingAtLeast: how many entries the last export wrote (nil: unknown).
    static func read(_ url: URL, expectingAtLeast expected: Int?,
                     waits: TrackingFileWaits = .standard) throws(LegacyFormatError) -> TrackingSnapshot? {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(waits.settleSeconds * 1000))
        // A shrunken file must keep one identity this long; a broken one that never changes is just broken.
        var unchangedSince: (identity: [Int], since: ContinuousClock.Instant)?
        while true {
            let file: ReadOnlyFile
            do {
                guard let opened = try ReadOnlyFile(path: url.path) else { return nil }
                file = opened
            } catch {
                throw .reading(error)
            }
            try TrackingFile.checkSize(Int64(file.opened.st_size), file: url.path)
            let bytes: [UInt8]
            do { bytes = try file.readAll() } catch { throw .reading(error) }
            let identity = Self.identity(file)
            if unchangedSince?.identity != identity { unchangedSince = (identity, clock.now) }
            let stableFor = clock.now - unchangedSince!.since

            let state: String
            var lastError: LegacyFormatError?
            if TrackingFile.isBlank(bytes) {
                state = "empty"
            } else {
                do throws(LegacyFormatError) {
                    let entries = try TrackingFile.parse(Data(bytes), file: url.path)
                    guard let expected, entries.count < expected else {
                        return TrackingSnapshot(file: file, bytes: bytes, entries: entries)
                    }
                    if stableFor >= .milliseconds(Int(waits.quietSeconds * 1000)) {
                        return TrackingSnapshot(file: file, bytes: bytes, entries: entries)
                    }
                    state = "\(entries.count) entries where the last export wrote \(expected), and changing"
                } catch .invalidJSON(let file, let reason) {
                    state = "not valid JSON (\(reason))"
                    lastError = .invalidJSON(file: file, reason: reason)
                }
            }
            if clock.now >= deadline {
                // The same broken bytes all along: a damaged file, not a writer at work.
                if let lastError, stableFor >= .milliseconds(Int(waits.settleSeconds * 1000)) { throw lastError }
                throw .unsettled(file: url.path, state: state, seconds: waits.settleSeconds)
            }
            // Poll (bounded) until the file changes, is replaced, or the quiet period is over.
            let quietEnd = unchangedSince!.since + .milliseconds(Int(waits.quietSeconds * 1000))
            while clock.now < deadline, !file.changedSinceOpened(), file.isStill(at: url.path) {
                if expected != nil, lastError == nil, clock.now >= quietEnd, !TrackingFile.isBlank(bytes) { break }
                usleep(5_000)
            }
        }
    }

    /// Device, inode, size, modification and change time: any write or replacement changes one.
    static func identity(_ file: ReadOnlyFile) -> [Int] {
        let now = file.currentStatus()
        return [Int(now.st_dev), Int(now.st_ino), Int(now.st_size), now.st_mtim.tv_sec, now.st_mtim.tv_nsec,
                now.st_ctim.tv_sec, now.st_ctim.tv_nsec]
    }
}
