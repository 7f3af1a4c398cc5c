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
    let paths: RootLayout
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
        let metadata = request.forRequest(key: requestKey)
        let originalSidecar = Sidecar.original(request: metadata, model: model, created: clock())
        let webpSidecar = webp.map { _ in Sidecar.webp(from: originalSidecar, quality: request.webpQuality, created: clock()) }
        let baseName = try place(data, webp: webp, originalSidecar: originalSidecar, webpSidecar: webpSidecar,
                                 baseName: ImageNaming.baseName(requestKey: key, jobID: jobID), fileExtension: fileExtension)
        let names = Names(baseName, fileExtension: fileExtension, paths: paths)
        var files = ImageFiles(originalPath: names.original.path, bytes: Int64(data.count), sha256: digest, mimeType: mimeType)
        files.note = note
        try Sidecar.write(originalSidecar, to: names.originalSidecar)
        files.originalSidecarPath = names.originalSidecar.path
        if let webp, let webpSidecar {
            try Sidecar.write(webpSidecar, to: names.webpSidecar)
            files.webpPath = names.webp.path
            files.webpBytes = Int64(webp.count)
            files.webpSidecarPath = names.webpSidecar.path
        }
        return .success(files)
    }

    /// False when something else took the name first (a file, a link).
    private func writeNew(_ data: Data, to url: URL) throws -> Bool {
        do {
            try AtomicFile.writeNew(data, to: url)
            return true
        } catch {
            if error.code == EEXIST || error.code == ELOOP { return false }
            throw error
        }
    }

    /// The four files of one image under one base name.
    struct Names {
        let original: URL
        let originalSidecar: URL
        let webp: URL
        let webpSidecar: URL

        init(_ baseName: String, fileExtension: String, paths: RootLayout) {
            original = paths.originalFolder.appendingPathComponent("\(baseName).\(fileExtension)")
            originalSidecar = paths.jsonFolder.appendingPathComponent("\(baseName).\(fileExtension).json")
            webp = paths.webpFolder.appendingPathComponent("\(baseName).webp")
            webpSidecar = paths.jsonFolder.appendingPathComponent("\(baseName).webp.json")
        }
    }

    /// Places the original (and the WebP) without ever replacing a file: the first base name whose files are
    /// all free, or hold exactly these bytes (a crashed run wrote them, they are adopted), wins; a name taken by
    /// anything else (a user's own file, a link, a folder) moves the image to the next `-2`, `-3`, ... name, the
    /// file there left untouched. Returns the base name used.
    func place(_ data: Data, webp: Data?, originalSidecar: JSONObject, webpSidecar: JSONObject?, baseName: String,
               fileExtension: String) throws -> String {
        for attempt in 1...1000 {
            let candidate = attempt == 1 ? baseName : "\(baseName)-\(attempt)"
            let names = Names(candidate, fileExtension: fileExtension, paths: paths)
            guard AtomicFile.canPlace(data, at: names.original), Sidecar.canWrite(originalSidecar, to: names.originalSidecar)
            else { continue }
            if let webp, let webpSidecar {
                guard AtomicFile.canPlace(webp, at: names.webp), Sidecar.canWrite(webpSidecar, to: names.webpSidecar) else { continue }
            }
            if try writeNew(data, to: names.original), try webp.map({ try writeNew($0, to: names.webp) }) ?? true {
                return candidate
            }
            // Another writer took a name between the look and the link: try the next one.
        }
        throw AtomicFileError.system(path: paths.originalFolder.appendingPathComponent(baseName).path, operation: "name", code: EEXIST)
    }
}
