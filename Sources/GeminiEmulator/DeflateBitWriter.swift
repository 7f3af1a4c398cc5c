import Foundation

/// The few pieces of a fixed-Huffman DEFLATE stream (RFC 1951) that `FlatPNG` needs: literals, runs of
/// zeros as distance-1 matches, and the end of block. Bits go out least significant first; Huffman codes
/// are reversed into that order.
struct DeflateBitWriter {
    private var output = Data()
    private var bits: UInt64 = 0
    private var bitCount = 0

    /// Base lengths of length codes 257...285 and their extra bits (RFC 1951, 3.2.5).
    private static let lengthBases: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                             67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtraBits: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                                 4, 4, 4, 4, 5, 5, 5, 5, 0]

    mutating func writeBits(_ value: UInt64, count: Int) {
        bits |= value << UInt64(bitCount)
        bitCount += count
        while bitCount >= 8 {
            output.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
            bitCount -= 8
        }
    }

    mutating func writeLiteral(_ byte: UInt8) { writeSymbol(Int(byte)) }

    mutating func writeEndOfBlock() { writeSymbol(256) }

    /// `count` zero bytes, the first one a literal, the rest copies of the byte before (distance 1).
    mutating func writeZeros(_ count: Int) {
        guard count > 0 else { return }
        writeLiteral(0)
        var left = count - 1
        while left >= 3 {
            var length = min(left, 258)
            if (1...2).contains(left - length) { length = left - 3 }
            writeMatch(length: length)
            left -= length
        }
        for _ in 0..<left { writeLiteral(0) }
    }

    /// Flushes the last partial byte and returns the stream.
    mutating func finish() -> Data {
        if bitCount > 0 { output.append(UInt8(truncatingIfNeeded: bits)) }
        bits = 0
        bitCount = 0
        return output
    }

    private mutating func writeMatch(length: Int) {
        var index = Self.lengthBases.count - 1
        while Self.lengthBases[index] > length { index -= 1 }
        writeSymbol(257 + index)
        let extra = Self.lengthExtraBits[index]
        if extra > 0 { writeBits(UInt64(length - Self.lengthBases[index]), count: extra) }
        writeHuffman(0, length: 5)  // distance code 0: distance 1
    }

    /// A literal/length symbol in the fixed code of RFC 1951, 3.2.6.
    private mutating func writeSymbol(_ symbol: Int) {
        switch symbol {
        case 0...143: writeHuffman(0x30 + symbol, length: 8)
        case 144...255: writeHuffman(0x190 + symbol - 144, length: 9)
        case 256...279: writeHuffman(symbol - 256, length: 7)
        default: writeHuffman(0xC0 + symbol - 280, length: 8)
        }
    }

    private mutating func writeHuffman(_ code: Int, length: Int) {
        var reversed: UInt64 = 0
        for bit in 0..<length where code & (1 << (length - 1 - bit)) != 0 { reversed |= 1 << UInt64(bit) }
        writeBits(reversed, count: length)
    }
}
