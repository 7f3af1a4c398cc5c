import Foundation
import ImageConversion
import AtomicFiles

/// File-level conversion for the benchmark: decode any supported image, encode WebP, write atomically.
///
/// ```swift
/// let result = try ImageConverter.convertToWebP(
///     source: root.appendingPathComponent("original/frog.png"),
///     destination: root.appendingPathComponent("webp/frog.webp"),
///     quality: 85, method: 6)
/// ```
enum ImageConverter {
    static func convertToWebP(source: URL, destination: URL, quality: Int, method: Int = 6,
                                     limits: ImageLimits = .default) throws -> ConvertedImage {
        let bytes: Data
        do {
            bytes = try Data(contentsOf: source)
        } catch {
            throw ImageError.io(path: source.path, reason: "cannot read: \(error.localizedDescription)")
        }
        do {
            return try convertToWebP(bytes, destination: destination, quality: quality, method: method, limits: limits)
        } catch let error as ImageError {
            // Name the source (the checker records this text as the item's failure reason) but
            // keep the case: bad image bytes fail the item, a failed write may be retried.
            switch error {
            case .unsupportedFormat(let detail): throw ImageError.unsupportedFormat("\(source.path): \(detail)")
            case .corrupt(let reason): throw ImageError.corrupt("\(source.path): \(reason)")
            default: throw error
            }
        }
    }

    /// Same as the file form, for image bytes already in memory (e.g. just downloaded).
    static func convertToWebP(_ imageBytes: Data, destination: URL, quality: Int, method: Int = 6,
                                     limits: ImageLimits = .default) throws -> ConvertedImage {
        let webp: Data
        let image: RasterImage
        do {
            // Scoped so the decoded pixels are released before the file is written.
            image = try ImageDecoder.decode(imageBytes, limits: limits)
            webp = try WebPEncoder.encode(image, quality: Float(quality), method: method)
        }
        do {
            try AtomicFile.write(webp, to: destination)
        } catch {
            throw ImageError.io(path: destination.path, reason: error.description)
        }
        return ConvertedImage(width: image.width, height: image.height, hasAlpha: image.hasAlpha, bytes: webp.count)
    }
}
