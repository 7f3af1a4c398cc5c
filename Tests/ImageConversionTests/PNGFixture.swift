import Foundation

/// Writes PNG files byte by byte, independent of libpng, so the decoder is tested against
/// every colour type and bit depth the format allows (libpng's simplified writer cannot
/// produce 1/2/4-bit or sRGB 16-bit files). Deflate uses stored (uncompressed) blocks.
struct PNGFixture {
    enum ColourType: UInt8 { case grey = 0, rgb = 2, palette = 3, greyAlpha = 4, rgba = 6 }

    var width: Int
    var height: Int
    var colourType: ColourType
    var bitDepth: Int
    /// Samples per pixel in file order (palette: one index), each in 0..<(1 << bitDepth).
    var samples: [Int]
    var palette: [(UInt8, UInt8, UInt8)] = []
    var transparency: [UInt8] = []

    var samplesPerPixel: Int {
        switch colourType {
        case .grey, .palette: 1
        case .greyAlpha: 2
        case .rgb: 3
        case .rgba: 4
        }
    }

    func encoded() -> [UInt8] {
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = Self.bigEndian32(UInt32(width)) + Self.bigEndian32(UInt32(height))
        header += [UInt8(bitDepth), colourType.rawValue, 0, 0, 0]
        file += Self.chunk("IHDR", header)
        if !palette.isEmpty { file += Self.chunk("PLTE", palette.flatMap { [$0.0, $0.1, $0.2] }) }
        if !transparency.isEmpty { file += Self.chunk("tRNS", transparency) }
        file += Self.chunk("IDAT", Self.zlibStored(rawRows()))
        file += Self.chunk("IEND", [])
        return file
    }

    /// Filter type 0 rows with samples packed MSB-first (sub-byte depths) or big-endian (16-bit).
    private func rawRows() -> [UInt8] {
        var raw: [UInt8] = []
        let rowSamples = width * samplesPerPixel
        for y in 0..<height {
            raw.append(0)
            let row = samples[(y * rowSamples)..<((y + 1) * rowSamples)]
            switch bitDepth {
            case 16: for sample in row { raw += [UInt8(sample >> 8), UInt8(sample & 0xFF)] }
            case 8: for sample in row { raw.append(UInt8(sample)) }
            default:
                var byte = 0, used = 0
                for sample in row {
                    byte = (byte << bitDepth) | sample
                    used += bitDepth
                    if used == 8 { raw.append(UInt8(byte)); byte = 0; used = 0 }
                }
                if used > 0 { raw.append(UInt8(byte << (8 - used))) }
            }
        }
        return raw
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian32(UInt32(data.count)) + typed + bigEndian32(crc32(typed))
    }

    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
        return out + bigEndian32((b << 16) | a)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func bigEndian32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
