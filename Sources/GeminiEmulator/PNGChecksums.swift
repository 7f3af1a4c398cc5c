import Foundation

/// CRC-32 (PNG chunks) and Adler-32 (the zlib trailer), the two checksums a hand-written PNG needs.
enum PNGChecksums {
    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 != 0 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        data.withUnsafeBytes { buffer in
            for byte in buffer { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc ^ 0xFFFF_FFFF
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// Adler-32 of data made of mostly-zero rows, appended a row at a time in constant time: for a row of
    /// length n, a grows by the sum of its bytes and b by n * a plus the position-weighted sum.
    struct Adler32 {
        private static let modulus: UInt64 = 65_521
        private var a: UInt64 = 1
        private var b: UInt64 = 0

        var value: UInt32 { UInt32(b << 16 | a) }

        /// A row of `length` bytes, zero except at the given (offset, byte) pairs.
        mutating func appendRow(length: Int, nonZero: [(Int, UInt8)]) {
            var sum: UInt64 = 0
            var weighted: UInt64 = 0
            for (offset, byte) in nonZero {
                sum += UInt64(byte)
                weighted += UInt64(byte) * UInt64(length - offset)
            }
            let n = UInt64(length) % Self.modulus
            b = (b + n * a + weighted % Self.modulus) % Self.modulus
            a = (a + sum) % Self.modulus
        }
    }
}
