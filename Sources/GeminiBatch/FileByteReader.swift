import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file front to back through one fixed buffer, a byte at a time, so a multi-gigabyte answer is
/// scanned in constant memory.
///
/// ```swift
/// let reader = try FileByteReader(path: url.path)
/// while let byte = reader.next() { /* ... */ }
/// ```
final class FileByteReader {
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    /// File offset of `buffer[0]`.
    private var bufferOffset: Int64 = 0
    let path: String

    init(path: String, offset: Int64 = 0, bufferSize: Int = 1 << 20) throws(GeminiError) {
        self.path = path
        // O_NOFOLLOW: the file is ours, in a folder of ours; a symlink put in its place is not read.
        descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            throw .fileSystem("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
        if offset > 0 {
            guard lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset) else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                buffer.deallocate()
                throw .fileSystem("cannot seek in \(path): \(reason)")
            }
            bufferOffset = offset
        }
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// Offset in the file of the byte `next()` returns next.
    var position: Int64 { bufferOffset + Int64(start) }

    /// Set when a read failed; the scan then sees an early end and reports it.
    private(set) var readError: String?

    @inline(__always)
    func next() -> UInt8? {
        if start == end, !refill() { return nil }
        let byte = buffer[start]
        start += 1
        return byte
    }

    /// The next byte without consuming it.
    @inline(__always)
    func peek() -> UInt8? {
        if start == end, !refill() { return nil }
        return buffer[start]
    }

    /// Skips JSON white space and returns the first other byte, consumed.
    @inline(__always)
    func nextNonSpace() -> UInt8? {
        while let byte = next() {
            if byte != 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 { return byte }
        }
        return nil
    }

    private func refill() -> Bool {
        bufferOffset += Int64(end)
        start = 0
        end = 0
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                readError = "reading \(path) failed: \(String(cString: strerror(errno)))"
                return false
            }
            end = count
            return count > 0
        }
    }
}
