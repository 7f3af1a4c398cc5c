import Foundation
import OrderedJSON

/// Appends JSON values as lines (or raw bytes) to a new file through a buffer, so a large responses or
/// items file is written with few system calls and never held whole in memory.
final class JSONLinesWriter {
    private let handle: FileHandle
    private var buffer = Data()
    private let flushThreshold = 4 * 1024 * 1024

    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw EmulatorError.ioFailure("cannot create output file \(url.path)")
        }
        handle = try FileHandle(forWritingTo: url)
    }

    func write(_ value: JSONValue) throws {
        buffer.append(contentsOf: value.serializedBytes())
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { try flush() }
    }

    func writeRaw(_ bytes: Data) throws {
        if bytes.count >= flushThreshold {
            try flush()
            try handle.write(contentsOf: bytes)
            return
        }
        buffer.append(bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
