import Foundation

/// A valid RGB PNG of one flat colour at any size up to 65535 x 65535, written without a raster: every
/// scanline is the same few filtered bytes (row 0 with the Sub filter, the rest with Up, so all but four
/// bytes are zero), deflated by hand with fixed-Huffman length-258 matches. A 16384 x 16384 image (805 MB
/// of pixels) costs about 5 MB and a second, which is what the oversized-image marker needs.
///
/// ```swift
/// let png = FlatPNG.encode(width: 16384, height: 16384, red: 200, green: 40, blue: 90)   // ~5 MB
/// ```
enum FlatPNG {
    static func encode(width: Int, height: Int, red: UInt8, green: UInt8, blue: UInt8) -> Data {
        precondition(width >= 1 && height >= 1 && width <= 65_535 && height <= 65_535)
        let rowLength = 1 + 3 * width
        var deflate = DeflateBitWriter()
        deflate.writeBits(0b011, count: 3)  // BFINAL=1, BTYPE=01 (fixed Huffman)
        // Row 0: Sub filter; the first pixel, then zero differences.
        for byte in [1, red, green, blue] { deflate.writeLiteral(byte) }
        deflate.writeZeros(3 * width - 3)
        // Rows 1...: Up filter; all differences zero.
        for _ in 1..<height {
            deflate.writeLiteral(2)
            deflate.writeZeros(3 * width)
        }
        deflate.writeEndOfBlock()

        var adler = PNGChecksums.Adler32()
        adler.appendRow(length: rowLength, nonZero: [(0, 1), (1, red), (2, green), (3, blue)])
        for _ in 1..<height { adler.appendRow(length: rowLength, nonZero: [(0, 2)]) }

        var zlib = Data([0x78, 0x01])
        zlib.append(deflate.finish())
        zlib.append(contentsOf: PNGChecksums.bigEndian(adler.value))

        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = PNGChecksums.bigEndian(UInt32(width)) + PNGChecksums.bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8-bit RGB, deflate, adaptive filtering, no interlace
        appendChunk("IHDR", Data(header), to: &png)
        appendChunk("IDAT", zlib, to: &png)
        appendChunk("IEND", Data(), to: &png)
        return png
    }

    private static func appendChunk(_ type: String, _ body: Data, to png: inout Data) {
        png.append(contentsOf: PNGChecksums.bigEndian(UInt32(body.count)))
        var typed = Data(type.utf8)
        typed.append(body)
        png.append(typed)
        png.append(contentsOf: PNGChecksums.bigEndian(PNGChecksums.crc32(typed)))
    }
}
