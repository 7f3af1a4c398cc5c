import Foundation
import Testing
import AtomicFiles
@testable import ImageConversion

@Suite struct ImageConverterTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("imaging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }

    @Test func pngWithAlphaBecomesWebPWithAlphaAndNoTemporaryFiles() throws {
        var image = TestImages.smooth(width: 50, height: 30, channels: 4)
        image.pixels[3] = 0   // pixel (0, 0) fully transparent
        let source = folder.appendingPathComponent("in.png")
        try ImageEncoding.png(image).write(to: source)
        let destination = folder.appendingPathComponent("out.webp")

        let converted = try ImageConverter.convertToWebP(source: source, destination: destination, quality: 85, method: 6)

        let written = try Data(contentsOf: destination)
        #expect(converted == ConvertedImage(width: 50, height: 30, hasAlpha: true, bytes: written.count))
        #expect(try WebPDecoder.info(written) == WebPInfo(width: 50, height: 30, hasAlpha: true))
        #expect(try WebPDecoder.decodeRGBA(written).pixels[3] == 0)
        #expect(try contents() == ["in.png", "out.webp"])
    }

    @Test(arguments: [false, true])
    func jpegBecomesOpaqueWebP(progressive: Bool) throws {
        let source = folder.appendingPathComponent("in.jpg")
        try ImageEncoding.jpeg(TestImages.smooth(width: 64, height: 40, channels: 3), quality: 90, progressive: progressive)
            .write(to: source)
        let destination = folder.appendingPathComponent("out.webp")
        let converted = try ImageConverter.convertToWebP(source: source, destination: destination, quality: 85, method: 4)
        #expect(!converted.hasAlpha && converted.width == 64 && converted.height == 40)
        #expect(try WebPDecoder.info(Data(contentsOf: destination)) == WebPInfo(width: 64, height: 40, hasAlpha: false))
    }

    @Test func corruptSourceFailsWithItsPathAndWritesNothing() throws {
        let source = folder.appendingPathComponent("broken.png")
        let png = try ImageEncoding.png(TestImages.smooth(width: 64, height: 64, channels: 3))
        try png.prefix(png.count / 2).write(to: source)
        let destination = folder.appendingPathComponent("broken.webp")
        #expect {
            try ImageConverter.convertToWebP(source: source, destination: destination, quality: 85, method: 6)
        } throws: { error in
            guard let imageError = error as? ImageError, case .corrupt = imageError else { return false }
            return imageError.isBadImage && "\(error)".contains(source.path) && "\(error)".contains("PNG")
        }
        #expect(try contents() == ["broken.png"])
    }

    @Test func missingSourceNamesTheFile() {
        let source = folder.appendingPathComponent("missing.png")
        #expect {
            try ImageConverter.convertToWebP(source: source, destination: folder.appendingPathComponent("x.webp"), quality: 85)
        } throws: { error in
            "\(error)".contains(source.path) && (error as? ImageError)?.isBadImage == false
        }
    }

    @Test func unwritableDestinationIsAnIOErrorNamingIt() throws {
        let source = folder.appendingPathComponent("ok.png")
        try ImageEncoding.png(TestImages.smooth(width: 8, height: 8, channels: 3)).write(to: source)
        let destination = folder.appendingPathComponent("missing-folder/ok.webp")
        #expect {
            try ImageConverter.convertToWebP(source: source, destination: destination, quality: 85)
        } throws: { error in
            guard let imageError = error as? ImageError, case .io(let path, _) = imageError else { return false }
            return path == destination.path && !imageError.isBadImage
        }
    }
}

@Suite struct ParallelConversionsTests {
    @Test func resultsComeBackInJobOrderWithFailuresInPlace() {
        let jobs: [@Sendable () throws -> Int] = (0..<20).map { index in
            { if index == 7 { throw ImageError.corrupt("job 7") }; return index * index }
        }
        let results = ParallelConversions.run(jobs, maxConcurrent: 2)
        #expect(results.count == 20)
        for (index, result) in results.enumerated() {
            switch result {
            case .success(let value): #expect(index != 7 && value == index * index)
            case .failure(let error): #expect(index == 7 && error as? ImageError == .corrupt("job 7"))
            }
        }
    }

    @Test(arguments: [1, 2, 3])
    func neverRunsMoreThanMaxConcurrentJobsAtOnce(limit: Int) {
        let gauge = ConcurrencyGauge()
        let jobs: [@Sendable () throws -> Void] = (0..<12).map { _ in
            {
                gauge.enter()
                defer { gauge.leave() }
                // Real work long enough for workers to overlap.
                _ = try WebPEncoder.encode(TestImages.smooth(width: 96, height: 96, channels: 3), quality: 80, method: 4)
            }
        }
        let results = ParallelConversions.run(jobs, maxConcurrent: limit)
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } })
        #expect(gauge.peak <= limit)
        #expect(gauge.peak >= 1)
    }

    @Test func realConversionsInParallelProduceValidFiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var jobs: [@Sendable () throws -> ConvertedImage] = []
        for index in 0..<6 {
            let source = folder.appendingPathComponent("\(index).png")
            try ImageEncoding.png(TestImages.smooth(width: 40 + index, height: 30, channels: 3 + index % 2)).write(to: source)
            let destination = folder.appendingPathComponent("\(index).webp")
            jobs.append { try ImageConverter.convertToWebP(source: source, destination: destination, quality: 85) }
        }
        let results = await ParallelConversions.run(jobs, maxConcurrent: 2)
        for (index, result) in results.enumerated() {
            let converted = try result.get()
            #expect(converted.width == 40 + index && converted.hasAlpha == (index % 2 == 1))
            let info = try WebPDecoder.info(Data(contentsOf: folder.appendingPathComponent("\(index).webp")))
            #expect(info.width == 40 + index && info.height == 30)
        }
    }
}

/// Counts jobs running at the same moment.
// @unchecked Sendable: `active` and `peak` are only touched while holding `lock`.
final class ConcurrencyGauge: @unchecked Sendable {
    private let lock = NSLock()
    private var active = 0
    private var highest = 0
    func enter() { lock.withLock { active += 1; highest = max(highest, active) } }
    func leave() { lock.withLock { active -= 1 } }
    var peak: Int { lock.withLock { highest } }
}
