import Foundation
import OrderedJSON

/// Appends JSON values as lines to a new file through a buffer, so a large responses file is written with
/// few system calls and never held whole in memory.
final class JSONLinesWriter {
    private let handle: FileHandle
    private var buffer = Data()
    private let flushThreshold = 4 * 1024 * 1024

    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw EmulatorError.ioFailure("cannot create responses file \(url.path)")
        }
        handle = try FileHandle(forWritingTo: url)
    }

    func write(_ value: JSONValue) throws {
        buffer.append(contentsOf: value.serializedBytes())
        buffer.append(0x0A)
        if buffer.count >= flushThreshold { try flush() }
    }

    func writeRaw(_ bytes: Data) throws {
        buffer.append(bytes)
        if buffer.count >= flushThreshold { try flush() }
    }

    func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
