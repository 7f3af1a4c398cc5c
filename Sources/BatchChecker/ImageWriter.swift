import Foundation
import Digests
import AtomicFiles
import GeminiBatch
import ImageConversion
import JobStore
import LegacyFormat
import OrderedJSON
import PFCConfig

/// Writes one retrieved image and everything that goes with it: the original (atomically, under a
/// name unique to the job and request), its metadata sidecar, and where the job asks for it the WebP
/// version and its sidecar.
struct ImageWriter: Sendable {
    let paths: ImagePaths
    let jobID: String
    let request: RequestMetadata
    let model: String
    let webpMethod: Int
    let clock: @Sendable () -> Date

    enum Outcome: Sendable {
        case success(ImageFiles)
        /// The item is bad (not an image, corrupt bytes): it fails alone, with this reason.
        case failure(String)
    }

    /// Decoding first proves the bytes are an image before anything is written. Throws only for
    /// problems that are not the item's fault (disk full, permissions): those stop the job for now.
    /// The file's type comes from the bytes: the service sometimes declares PNG for JPEG bytes.
    /// `key` names the image (`req_0`, or `req_0_2` for a second final image); `requestKey` is its request's
    /// key, whose own prompt, title and cost go into the sidecars.
    func write(key: String, requestKey: String, image: ItemImage) throws -> Outcome {
        let data = image.data
        guard let sniffed = ImageFormat.sniff(data) else {
            return .failure("not a PNG, JPEG or WebP image (declared \(image.declaredMimeType), \(data.count) bytes)")
        }
        let fileExtension = sniffed.fileExtension
        let mimeType = ImageNaming.mimeType(of: sniffed)
        var webp: Data?
        var note: String?
        do {
            let (width, height) = try ImageDecoder.dimensions(data)
            if ImageLimits.conversion.admits(width: width, height: height) {
                let raster = try ImageDecoder.decode(data, limits: .conversion)
                if request.convertToWebP {
                    webp = try WebPEncoder.encode(raster, quality: Float(request.webpQuality), method: webpMethod)
                }
            } else if request.convertToWebP {
                // Deterministic: a retry would fail the same way after the same memory. Keep the original.
                let limits = ImageLimits.conversion
                note = "WebP not made: \(width)x\(height) is past \(limits.maxDimension) per side or \(limits.maxPixels) pixels"
            } else if width > ImageLimits.default.maxDimension || height > ImageLimits.default.maxDimension {
                return .failure("image too large: \(width)x\(height)")
            }
        } catch let error as ImageError where error.isBadImage {
            return .failure("\(error)")
        } catch let error as ImageError where !error.isBadImage && request.convertToWebP {
            note = "WebP not made: \(error)"
            webp = nil
        }

        let digest = SHA256.hex(of: data)
        let baseName = try placeOriginal(data, digest: digest, baseName: ImageNaming.baseName(requestKey: key, jobID: jobID),
                                         fileExtension: fileExtension)
        let originalName = "\(baseName).\(fileExtension)"
        var files = ImageFiles(originalPath: paths.originalFolder.appendingPathComponent(originalName).path,
                               bytes: Int64(data.count), sha256: digest, mimeType: mimeType)
        files.note = note

        let metadata = request.forRequest(key: requestKey)
        let originalSidecar = Sidecar.original(request: metadata, model: model, created: clock())
        let originalSidecarURL = paths.jsonFolder.appendingPathComponent(originalName + ".json")
        try Sidecar.write(originalSidecar, to: originalSidecarURL)
        files.originalSidecarPath = originalSidecarURL.path

        if let webp {
            let webpName = "\(baseName).webp"
            let webpURL = paths.webpFolder.appendingPathComponent(webpName)
            // Qualified: ImageConversion has an AtomicFile too, whose temporary names the crash clean-up does not know.
            try AtomicFiles.AtomicFile.write(webp, to: webpURL)
            let webpSidecarURL = paths.jsonFolder.appendingPathComponent(webpName + ".json")
            try Sidecar.write(Sidecar.webp(from: originalSidecar, quality: request.webpQuality, created: clock()), to: webpSidecarURL)
            files.webpPath = webpURL.path
            files.webpBytes = Int64(webp.count)
            files.webpSidecarPath = webpSidecarURL.path
        }
        return .success(files)
    }

    /// False when a file appeared under the name first.
    private func writeIfAbsent(_ data: Data, to url: URL) throws -> Bool {
        do {
            try AtomicFile.write(data, to: url, mode: 0o644, replacing: false)
            return true
        } catch {
            if error.code == EEXIST { return false }
            throw error
        }
    }

    /// Writes the original without ever replacing a file: the same bytes already there (a crashed run
    /// wrote them) are adopted; a different file under the name gets the next free `-2`, `-3`, ... name.
    /// Returns the base name used.
    func placeOriginal(_ data: Data, digest: String, baseName: String, fileExtension: String) throws -> String {
        for attempt in 1...1000 {
            let candidate = attempt == 1 ? baseName : "\(baseName)-\(attempt)"
            let url = paths.originalFolder.appendingPathComponent("\(candidate).\(fileExtension)")
            if FileManager.default.fileExists(atPath: url.path) {
                if let existing = FileManager.default.contents(atPath: url.path), SHA256.hex(of: existing) == digest {
                    return candidate
                }
                continue
            }
            if try writeIfAbsent(data, to: url) { return candidate }
            // Another writer took the name between the check and the link: look at what it wrote.
            if let existing = FileManager.default.contents(atPath: url.path), SHA256.hex(of: existing) == digest {
                return candidate
            }
        }
        throw AtomicFileError.system(path: paths.originalFolder.appendingPathComponent(baseName).path, operation: "name", code: EEXIST)
    }
}
