import CImageCodecs
import Foundation

/// Bridges the C codec convention (return 1/0, reason in a caller-provided buffer).
enum CodecCall {
    static let messageCapacity = 256

    /// Runs `body` with a message buffer; returns the reason when the C call reports failure.
    static func run(_ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) -> String? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: messageCapacity) { buffer in
            buffer.initialize(repeating: 0)
            let status = body(buffer.baseAddress!, messageCapacity)
            if status != 0 { return nil }
            let reason = String(cString: buffer.baseAddress!)
            return reason.isEmpty ? "unknown codec error" : reason
        }
    }

    /// Wraps a buffer malloc'd by the C layer without copying it; `pfc_codec_free` releases it.
    static func adopt(_ buffer: UnsafeMutablePointer<UInt8>?, count: Int) -> Data {
        guard let buffer, count > 0 else {
            pfc_codec_free(buffer)
            return Data()
        }
        return Data(bytesNoCopy: buffer, count: count, deallocator: .custom { pointer, _ in pfc_codec_free(pointer) })
    }

    /// Gives C a contiguous view of any byte collection, copying only when the collection is not contiguous.
    static func withBytes<Bytes: Collection<UInt8>, Result>(
        _ bytes: Bytes, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) throws -> Result {
        if let data = bytes as? Data {
            return try data.withUnsafeBytes { raw in try body(raw.bindMemory(to: UInt8.self)) }
        }
        if let array = bytes as? [UInt8] {
            return try array.withUnsafeBufferPointer { buffer in try body(buffer) }
        }
        let copy = Array(bytes)
        return try copy.withUnsafeBufferPointer { buffer in try body(buffer) }
    }
}
