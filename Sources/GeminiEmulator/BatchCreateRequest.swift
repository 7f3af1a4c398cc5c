import Digests
import Foundation

/// A parsed `batchGenerateContent` body. Accepts the SDK's camelCase and the docs' snake_case spellings, and
/// applies the model's request rules: `imageConfig.imageSize` and `aspectRatio` per model, a known
/// `thinkingConfig.thinkingLevel`. `tools` (e.g. `google_search`), `mediaResolution`, `systemInstruction` and
/// the rest of a GenerateContentRequest pass unchecked, as the real service takes them.
struct BatchCreateRequest {
    var displayName: String?
    var items: [BatchItem]
    /// `inputConfig.fileName` (`files/<id>`): the requests are the lines of that uploaded file, read by
    /// ``items(fromJSONLines:model:)`` once the router has found it; `items` is empty until then.
    var inputFileName: String?

    /// `model` nil skips the per-model rules (an id accepted only because `acceptAnyModel` is on).
    init(body: Data, model: EmulatedModel?) throws(EmulatorError) {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: body)
        } catch {
            throw .invalidArgument("Invalid JSON payload received: the body is not JSON.")
        }
        guard let object = root as? [String: Any], let batch = object["batch"] as? [String: Any] else {
            throw .invalidArgument("Invalid JSON payload received: missing object field \"batch\".")
        }
        displayName = Self.field(batch, "displayName", "display_name") as? String
        guard let input = Self.field(batch, "inputConfig", "input_config") as? [String: Any] else {
            throw .invalidArgument("batch.input_config is required.")
        }
        if let fileName = Self.field(input, "fileName", "file_name") {
            guard let name = fileName as? String, name.hasPrefix("files/"), name.count > "files/".count else {
                throw .invalidArgument("Invalid value at 'batch.input_config.file_name': expected \"files/<id>\".")
            }
            inputFileName = name
            items = []
            return
        }
        guard let requestsWrapper = input["requests"] as? [String: Any],
              let requests = requestsWrapper["requests"] as? [Any] else {
            throw .invalidArgument("batch.input_config.requests.requests is required.")
        }
        guard !requests.isEmpty else {
            throw .invalidArgument("batch.input_config.requests.requests must not be empty.")
        }
        items = try requests.enumerated().map { (index, element) throws(EmulatorError) in
            try Self.item(element, index: index, model: model)
        }
    }

    private static func item(_ element: Any, index: Int, model: EmulatedModel?) throws(EmulatorError) -> BatchItem {
        let path = "batch.input_config.requests.requests[\(index)]"
        guard let wrapper = element as? [String: Any] else { throw .invalidArgument("\(path).request is required.") }
        return try item(wrapper, path: path, model: model)
    }

    /// One request and its key: `{"request": {...}, "metadata": {"key": ...}}` inline, `{"key": ..., "request": {...}}`
    /// on a line of an input file (`lineKey`).
    static func item(_ wrapper: [String: Any], path: String, model: EmulatedModel?,
                     lineKey: String? = nil, blobs: InlineDataBlobs = InlineDataBlobs()) throws(EmulatorError) -> BatchItem {
        guard let request = wrapper["request"] as? [String: Any] else {
            throw .invalidArgument("\(path).request is required.")
        }
        guard let contents = request["contents"] as? [Any], !contents.isEmpty else {
            throw .invalidArgument("\(path).request.contents is required.")
        }
        var texts: [String] = []
        var images: [ReceivedInlineData] = []
        var partIndex = 0
        for (contentIndex, content) in contents.enumerated() {
            guard let parts = (content as? [String: Any])?["parts"] as? [Any] else { continue }
            for (indexInContent, element) in parts.enumerated() {
                defer { partIndex += 1 }
                guard let part = element as? [String: Any] else { continue }
                if let text = part["text"] as? String { texts.append(text) }
                if let inline = field(part, "inlineData", "inline_data") as? [String: Any] {
                    let partPath = "\(path).request.contents[\(contentIndex)].parts[\(indexInContent)].inline_data"
                    images.append(try received(inline, part: partIndex, path: partPath, blobs: blobs))
                }
            }
        }
        let generation = field(request, "generationConfig", "generation_config") as? [String: Any] ?? [:]
        let configPath = "\(path).request.generation_config"
        let imageConfig = field(generation, "imageConfig", "image_config") as? [String: Any] ?? [:]
        let imageSize = try string(field(imageConfig, "imageSize", "image_size"), at: "\(configPath).image_config.image_size")
        let aspectRatio = try string(field(imageConfig, "aspectRatio", "aspect_ratio"),
                                     at: "\(configPath).image_config.aspect_ratio")
        if let model {
            try validate(imageSize: imageSize, aspectRatio: aspectRatio, for: model, at: "\(configPath).image_config")
        }
        let thinking = field(generation, "thinkingConfig", "thinking_config") as? [String: Any] ?? [:]
        let levelPath = "\(configPath).thinking_config.thinking_level"
        if let level = try string(field(thinking, "thinkingLevel", "thinking_level"), at: levelPath),
           !EmulatedModel.thinkingLevels.contains(level.lowercased()) {
            throw .invalidArgument("Invalid value at '\(levelPath)' (\"\(level)\"): expected one of "
                + EmulatedModel.thinkingLevels.joined(separator: ", ") + ".")
        }

        var metadata: [(String, String)] = []
        if let given = wrapper["metadata"] as? [String: Any] {
            for name in given.keys.sorted() {
                guard let value = given[name] as? String else {
                    throw .invalidArgument("\(path).metadata.\(name) must be a string.")
                }
                metadata.append((name, value))
            }
        }
        if let lineKey, !metadata.contains(where: { $0.0 == "key" }) { metadata.insert(("key", lineKey), at: 0) }
        let key = metadata.first { $0.0 == "key" }?.1
        return BatchItem(key: key, metadata: metadata, prompt: texts.joined(separator: "\n"),
                         referenceImages: images, imageSize: imageSize)
    }

    /// The model's rules for `imageConfig`: sizes in exact case, and only the aspect ratios it draws.
    private static func validate(imageSize: String?, aspectRatio: String?, for model: EmulatedModel,
                                 at path: String) throws(EmulatorError) {
        if let imageSize {
            guard let sizes = model.imageSizes else {
                throw .invalidArgument("Invalid value at '\(path).image_size' (\"\(imageSize)\"): \(model.id) does not "
                    + "support imageSize; leave the field out (the model draws 1K).")
            }
            guard sizes.contains(imageSize) else {
                throw .invalidArgument("Invalid value at '\(path).image_size' (\"\(imageSize)\"): \(model.id) accepts "
                    + sizes.map { "\"\($0)\"" }.joined(separator: ", ") + " (exact case).")
            }
        }
        if let aspectRatio, !model.aspectRatios.contains(aspectRatio) {
            throw .invalidArgument("Invalid value at '\(path).aspect_ratio' (\"\(aspectRatio)\"): \(model.id) accepts "
                + model.aspectRatios.joined(separator: ", ") + ".")
        }
    }

    /// Decodes `data` (proto JSON bytes: standard or URL-safe base64) only to measure and digest it.
    private static func received(_ inline: [String: Any], part: Int, path: String,
                                 blobs: InlineDataBlobs) throws(EmulatorError) -> ReceivedInlineData {
        guard let text = inline["data"] as? String else {
            throw .invalidArgument("\(path).data is required.")
        }
        if let lifted = blobs.digests[text] {
            let mimeType = field(inline, "mimeType", "mime_type") as? String ?? ""
            return ReceivedInlineData(part: part, mimeType: mimeType, byteCount: lifted.byteCount, sha256: lifted.sha256)
        }
        // Standard base64 decodes as it is; only URL-safe or unpadded text is rewritten first (rewriting megabytes
        // of text that need none made a batch of large reference images take seconds to read).
        guard let bytes = Data(base64Encoded: text) ?? Self.decodeLoosely(text) else {
            throw .invalidArgument("Invalid value at '\(path).data' (TYPE_BYTES): Base64 decoding failed.")
        }
        let mimeType = field(inline, "mimeType", "mime_type") as? String ?? ""
        return ReceivedInlineData(part: part, mimeType: mimeType, byteCount: bytes.count, sha256: SHA256.hex(of: bytes))
    }

    /// proto-JSON `bytes` in the URL-safe alphabet or without padding.
    private static func decodeLoosely(_ text: String) -> Data? {
        var bytes = Array(text.utf8)
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "-") { bytes[index] = UInt8(ascii: "+") }
            if bytes[index] == UInt8(ascii: "_") { bytes[index] = UInt8(ascii: "/") }
        }
        while bytes.count % 4 != 0 { bytes.append(UInt8(ascii: "=")) }
        return Data(base64Encoded: Data(bytes))
    }

    private static func string(_ value: Any?, at path: String) throws(EmulatorError) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let text = value as? String else {
            throw .invalidArgument("Invalid value at '\(path)': expected a string.")
        }
        return text
    }

    private static func field(_ object: [String: Any], _ camel: String, _ snake: String) -> Any? {
        object[camel] ?? object[snake]
    }
}
