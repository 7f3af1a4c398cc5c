import Foundation

/// A serialized JSON document with a hole wherever an image's base64 goes: the small part (prompts, options,
/// keys) is encoded once by JSONSerialization, the images are streamed into the holes when the document is
/// written out. So the exact size of a create body is known without building it, and a JSONL line carrying
/// megabytes of reference images is written in pieces, never held whole.
///
/// ```swift
/// let template = try JSONTemplate(object, images: images, placeholders: placeholders)   // see BatchRequest+Encoding
/// template.renderedLength                                          // bytes once the images are in
/// try template.render { (piece) throws(GeminiError) in try writer.write(piece) }
/// ```
struct JSONTemplate {
    /// The text around the holes: `images.count + 1` pieces.
    let pieces: [Data]
    let images: [InlineImage]

    /// A token no prompt can contain by chance (a fresh UUID per template), one per image.
    struct Placeholders {
        let nonce = UUID().uuidString
        func token(_ index: Int) -> String { "pfc-image-\(nonce)-\(index)" }
    }

    /// Serializes `object`, whose image data strings are `placeholders.token(i)` for `images[i]`, in order.
    init(_ object: Any, images: [InlineImage], placeholders: Placeholders) throws(GeminiError) {
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw .invalidRequest("the request could not be encoded as JSON")
        }
        var pieces: [Data] = []
        var start = data.startIndex
        for index in images.indices {
            guard let range = data.range(of: Data(placeholders.token(index).utf8), in: start..<data.endIndex) else {
                throw .invalidRequest("the request could not be encoded as JSON (image \(index) lost)")
            }
            pieces.append(data[start..<range.lowerBound])
            start = range.upperBound
        }
        pieces.append(data[start..<data.endIndex])
        self.pieces = pieces
        self.images = images
    }

    /// Bytes of the document with every image's base64 in place.
    var renderedLength: Int {
        pieces.reduce(0) { $0 + $1.count } + images.reduce(0) { $0 + $1.base64Length }
    }

    /// Hands the document over in order: text pieces, and each image's base64 a chunk at a time.
    func render(_ sink: (Data) throws(GeminiError) -> Void) throws(GeminiError) {
        for (index, piece) in pieces.enumerated() {
            try sink(piece)
            guard index < images.count else { break }
            try images[index].forEachChunk { chunk throws(GeminiError) in try sink(chunk.base64EncodedData()) }
        }
    }
}
