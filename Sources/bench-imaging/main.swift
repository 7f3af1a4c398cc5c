// Benchmark driver for bench/imaging.sh, and the `log-writer` helper process of the
// multi-process logging test. Prints `key=value` figures; never fails on speed.
import FileLogging
import Foundation
import ImageConversion
import Logging

let usage = """
    usage: bench-imaging photo OUT.png [SIZE]           write a deterministic photo-like PNG
           bench-imaging codec IN.png                   PNG decode and WebP q85 m6 encode timings (median of 3)
           bench-imaging parallel IN.png WORKERS COUNT OUTDIR   COUNT conversions on WORKERS threads
           bench-imaging log-writer LOG COUNT TAG MAXBYTES BACKUPS   log COUNT lines through the rotating handler
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// Peak resident set size of this process in KiB, from the kernel's high-water mark.
func peakRSSKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
    return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? -1
}

/// Smooth colour fields plus fine noise: compresses like a photograph rather than a flat
/// graphic (noise is what makes WebP method 6 slow). Deterministic for comparable runs.
func photoLikeImage(size: Int) -> RasterImage {
    var state: UInt64 = 0x5EED
    func noise() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % 25) - 12
    }
    var pixels = [UInt8](repeating: 0, count: size * size * 3)
    let scale = Double(size)
    for y in 0..<size {
        let fy = Double(y) / scale
        for x in 0..<size {
            let fx = Double(x) / scale
            let base = (y * size + x) * 3
            let r = 128 + 90 * sin(fx * 5.1 + fy * 1.3) * cos(fy * 3.7)
            let g = 110 + 80 * cos(fx * 2.3 - fy * 4.1)
            let b = 90 + 70 * sin((fx + fy) * 6.2) * sin(fx * 1.7)
            for (offset, value) in [r, g, b].enumerated() {
                pixels[base + offset] = UInt8(clamping: Int(value) + noise())
            }
        }
    }
    return RasterImage(width: size, height: size, channels: 3, pixels: pixels)
}

let arguments = CommandLine.arguments.dropFirst()
guard let mode = arguments.first else { fail(usage) }
let rest = Array(arguments.dropFirst())

do {
    switch mode {
    case "photo":
        guard let out = rest.first else { fail(usage) }
        let size = rest.count > 1 ? Int(rest[1]) ?? 2048 : 2048
        let png = try ImageEncoding.png(photoLikeImage(size: size))
        try png.write(to: URL(fileURLWithPath: out))
        print("photo=\(out) size=\(size)x\(size) png_bytes=\(png.count)")

    case "codec":
        guard let input = rest.first else { fail(usage) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: input))
        var image: RasterImage?
        let decodeTimes = try (0..<3).map { _ in try milliseconds { image = try ImageDecoder.decode(bytes) } }
        var webp = Data()
        let encodeTimes = try (0..<3).map { _ in try milliseconds { webp = try WebPEncoder.encode(image!, quality: 85, method: 6) } }
        print(String(format: "png_decode_ms=%.1f", median(decodeTimes)))
        print(String(format: "webp_encode_ms=%.1f", median(encodeTimes)))
        print("webp_bytes=\(webp.count)")

    case "parallel":
        guard rest.count == 4, let workers = Int(rest[1]), let count = Int(rest[2]) else { fail(usage) }
        let source = URL(fileURLWithPath: rest[0])
        let folder = URL(fileURLWithPath: rest[3])
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let jobs: [@Sendable () throws -> ConvertedImage] = (0..<count).map { index in
            { try ImageConverter.convertToWebP(source: source, destination: folder.appendingPathComponent("\(index).webp"),
                                               quality: 85, method: 6) }
        }
        var results: [Result<ConvertedImage, any Error>] = []
        let wall = milliseconds { results = ParallelConversions.run(jobs, maxConcurrent: workers) }
        for case .failure(let error) in results { fail("conversion failed: \(error)") }
        print(String(format: "workers=%d conversions=%d wall_ms=%.0f images_per_s=%.2f peak_rss_kib=%d",
                     workers, count, wall, Double(count) / wall * 1000, peakRSSKiB()))

    case "log-writer":
        guard rest.count == 5, let count = Int(rest[1]), let maxBytes = Int(rest[3]), let backups = Int(rest[4]) else { fail(usage) }
        let file = try RotatingLogFile(path: URL(fileURLWithPath: rest[0]), maxBytes: maxBytes, backupCount: backups)
        let logger = Logger(label: "log-writer") { _ in RotatingFileLogHandler(file: file) }
        let tag = rest[2]
        // Padding makes lines long enough that rotations happen often.
        let padding = String(repeating: "x", count: 60)
        for index in 0..<count { logger.info("writer \(tag) line \(index) \(padding)") }

    default:
        fail(usage)
    }
} catch {
    fail("bench-imaging \(mode): \(error)")
}
