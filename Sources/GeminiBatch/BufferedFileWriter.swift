import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a new file of ours through one buffer: created with `O_EXCL | O_NOFOLLOW` (nothing already at the
/// name is written through or over) and mode 0600, since it may hold a user's images.
///
/// ```swift
/// let writer = try BufferedFileWriter(creating: url)
/// try writer.write(Data("{}\n".utf8))
/// try writer.close()
/// ```
final class BufferedFileWriter {
    private var descriptor: Int32
    private var buffer = Data()
    private let capacity: Int
    let url: URL
    /// Bytes handed to `write` so far.
    private(set) var byteCount: Int64 = 0

    init(creating url: URL, capacity: Int = 1 << 20) throws(GeminiError) {
        self.url = url
        self.capacity = capacity
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .fileSystem("cannot create \(url.path): \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if descriptor >= 0 { Glibc.close(descriptor) }
    }

    func write(_ data: Data) throws(GeminiError) {
        byteCount += Int64(data.count)
        if buffer.count + data.count > capacity { try flush() }
        if data.count >= capacity {
            try writeOut(data)
        } else {
            buffer.append(data)
        }
    }

    func close() throws(GeminiError) {
        try flush()
        let result = Glibc.close(descriptor)
        descriptor = -1
        guard result == 0 else { throw .fileSystem("cannot write \(url.path): \(String(cString: strerror(errno)))") }
    }

    private func flush() throws(GeminiError) {
        guard !buffer.isEmpty else { return }
        try writeOut(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeOut(_ data: Data) throws(GeminiError) {
        let failure: String? = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += written
            }
            return nil
        }
        if let failure { throw .fileSystem("cannot write \(url.path): \(failure)") }
    }
}
