import Foundation
import ImageConversion
import JobStore
import LegacyFormat
import OrderedJSON

/// A real images root (in a folder whose name holds spaces) with a real job database, filled through the
/// store's own API the way the checker fills it: jobs imported, claimed, images registered, PNG files
/// written and marked done, items marked failed, jobs finished.
final class GalleryFixture {
    let root: URL
    let store: JobStore
    private var counter = 0

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gallery tests \(UUID().uuidString.prefix(8))")
        root = base.appendingPathComponent("my images", isDirectory: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("original files"), withIntermediateDirectories: true)
        store = try JobStore(path: root.appendingPathComponent("metadata/jobs.sqlite3").path)
    }

    deinit { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }

    var galleryFolder: URL { root.appendingPathComponent("gallery", isDirectory: true) }

    /// A finished job: one image per prompt (a small PNG, each a different colour), `failed` keys failed with
    /// their reason instead. Returns the job id.
    @discardableResult
    func addCompletedJob(prompts: [String], failed: [Int: String] = [:], title: String? = nil,
                         submittedAt: Date = Date()) throws -> String {
        counter += 1
        let id = "batches/fixture \(counter)"
        let requests = prompts.enumerated().map { index, prompt in
            SubmittedRequest(key: "req_\(index)", prompt: prompt, title: title.map { "\($0) \(index)" }, quality: "pro",
                             imageSize: "1K", cost: 0.0672, submittedAt: submittedAt)
        }
        let metadata = RequestMetadata.submission(requests: requests, model: "gemini-3-pro-image", convertToWebP: false,
                                                  webpQuality: 85, estimatedCostUSD: 0.0672 * Double(prompts.count),
                                                  priceTableAsOf: "2026-12-01")
        let claim = try claimNewJob(id: id, metadata: metadata, submittedAt: submittedAt)
        try store.upsertPendingImages(claim, prompts.indices.map { ImageRequest(key: "req_\($0)", index: $0) })
        for index in prompts.indices {
            if let reason = failed[index] {
                try store.markImageFailed(claim, key: "req_\(index)", error: reason)
                continue
            }
            try writeImage(claim, key: "req_\(index)")
        }
        try store.finish(claim, status: .completed, remoteState: "BATCH_STATE_SUCCEEDED")
        return id
    }

    /// A job whose batch failed before any image existed.
    @discardableResult
    func addFailedJob(reason: String, submittedAt: Date = Date()) throws -> String {
        counter += 1
        let id = "batches/failed \(counter)"
        let metadata = RequestMetadata.submission(
            requests: [SubmittedRequest(key: "req_0", prompt: "a failed prompt", quality: "pro", imageSize: "1K", submittedAt: submittedAt)],
            model: "gemini-3-pro-image", convertToWebP: false, webpQuality: 85, estimatedCostUSD: nil, priceTableAsOf: nil)
        let claim = try claimNewJob(id: id, metadata: metadata, submittedAt: submittedAt)
        try store.finish(claim, status: .failed, remoteState: "BATCH_STATE_FAILED", error: reason)
        return id
    }

    private func claimNewJob(id: String, metadata: RequestMetadata, submittedAt: Date) throws -> Claim {
        let json = JSONValue.object(metadata.object).serialized()
        _ = try store.importJobs([JobImport(id: id, status: .pending, submittedAt: Timestamp(submittedAt), requestMetadataJSON: json)],
                                 dryRun: false)
        guard let claim = try store.claimDueJobs(owner: "gallery-test", limit: 1, leaseSeconds: 600, onlyID: id).first else {
            throw Failure(message: "could not claim \(id)")
        }
        return claim
    }

    private func writeImage(_ claim: Claim, key: String) throws {
        counter += 1
        let shade = UInt8(truncatingIfNeeded: counter * 37)
        let width = 120, height = 80
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for pixel in 0..<(width * height) {
            pixels[pixel * 3] = shade
            pixels[pixel * 3 + 1] = UInt8(pixel % width * 2)
            pixels[pixel * 3 + 2] = 255 - shade
        }
        let png = try ImageEncoding.png(RasterImage(width: width, height: height, channels: 3, pixels: pixels))
        let file = root.appendingPathComponent("original files/\(key) #\(counter).png")
        try png.write(to: file)
        try store.markImageDone(claim, key: key, files: ImageFiles(originalPath: file.path, bytes: Int64(png.count),
                                                                  sha256: String(format: "%032x", counter) + String(repeating: "0", count: 32), mimeType: "image/png"))
    }

    struct Failure: Error { let message: String }
}
