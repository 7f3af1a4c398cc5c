import AtomicFiles
import Foundation
import ImageConversion
import JobStore

/// The gallery's previews under `<gallery>/thumbs/`: one small WebP per image, named after the image's
/// SHA-256 and the size, made once (an existing file is used as it is) and written atomically.
///
/// ```swift
/// let thumbnails = ThumbnailStore(folder: gallery.appendingPathComponent("thumbs"), maxSide: 320)
/// let previews = thumbnails.previews(for: [image], workers: 2)   // decodes, scales, encodes the missing ones
/// if let name = previews[image.id]?.name { /* ... */ }
/// ```
struct ThumbnailStore: Sendable {
    /// What a card shows of an image.
    struct Preview: Sendable, Equatable {
        /// The thumbnail's file name under the thumbs folder; nil when none could be made.
        var name: String?
        /// The thumbnail's size, for the `img` element's width and height.
        var width = 0, height = 0
        /// The full image's size, from its header.
        var originalWidth: Int?, originalHeight: Int?
        /// Whether this update made the thumbnail (else it was there).
        var madeNow = false
        /// Why there is no thumbnail (file missing, not an image), said on the card.
        var problem: String?
    }

    let folder: URL
    let maxSide: Int

    /// The file name of an image's thumbnail: by content, so the same bytes share one preview.
    func name(for image: ImageRecord) -> String {
        if let sha = image.sha256, sha.count >= 32, sha.allSatisfy(\.isHexDigit) {
            return "\(sha.prefix(32).lowercased())-\(maxSide).webp"
        }
        return "image-\(image.id)-\(maxSide).webp"
    }

    /// Previews for these done images; missing ones are made side by side on `workers` threads.
    func previews(for images: [ImageRecord], workers: Int) -> [Int64: Preview] {
        guard !images.isEmpty else { return [:] }
        let results = Results(count: images.count)
        DispatchQueue.concurrentPerform(iterations: min(max(1, workers), images.count)) { worker in
            var index = worker
            let stride = min(max(1, workers), images.count)
            while index < images.count {
                results.set(index, preview(for: images[index]))
                index += stride
            }
        }
        var byID: [Int64: Preview] = [:]
        for (index, image) in images.enumerated() { byID[image.id] = results.get(index) }
        return byID
    }

    /// One image's preview: the existing thumbnail, else a new one from the original (or, when the original
    /// cannot be decoded within the conversion limits, from its WebP); the original's size from its header.
    func preview(for image: ImageRecord) -> Preview {
        let name = name(for: image)
        let file = folder.appendingPathComponent(name)
        var preview = Preview()
        if let existing = try? Data(contentsOf: file), let info = try? WebPDecoder.info(existing) {
            (preview.name, preview.width, preview.height) = (name, info.width, info.height)
        }
        var reasons: [String] = []
        for source in [image.originalPath, image.webpPath].compactMap({ $0 }) {
            do {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: source), options: .alwaysMapped)
                if preview.originalWidth == nil, let size = try? ImageDecoder.dimensions(bytes) {
                    (preview.originalWidth, preview.originalHeight) = (size.width, size.height)
                }
                if preview.name != nil { return preview }
                let decoded = try ImageDecoder.decode(bytes, limits: .conversion)
                let thumbnail = try Thumbnail.webp(of: decoded, maxSide: maxSide)
                try AtomicFile.createFolder(folder)
                try AtomicFile.write(thumbnail.data, to: file, mode: 0o644)
                (preview.name, preview.width, preview.height, preview.madeNow) = (name, thumbnail.width, thumbnail.height, true)
                return preview
            } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
                reasons.append("\((source as NSString).lastPathComponent) is missing")
            } catch {
                reasons.append("\((source as NSString).lastPathComponent): \(error)")
            }
        }
        if preview.name == nil { preview.problem = reasons.isEmpty ? "no file recorded" : reasons.joined(separator: "; ") }
        return preview
    }

    /// Results written by the worker threads, each index by one thread only.
    private final class Results: @unchecked Sendable {
        private var values: [Preview?]
        private let lock = NSLock()

        init(count: Int) { values = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: Preview) { lock.withLock { values[index] = value } }
        func get(_ index: Int) -> Preview { lock.withLock { values[index] ?? Preview(problem: "not made") } }
    }
}
