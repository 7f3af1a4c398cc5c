import OrderedJSON

/// What the emulator answered for one item, kept after the batch finished for `GET /_emulator/batches/{id}`:
/// the digests of the final and draft images it sent, of the reference images it received, and the usage.
struct ItemRecord: Sendable {
    var index: Int
    var key: String?
    /// `image`, `error`, `blocked`, `no-image` or `image-safety`.
    var outcome: String
    var finalImages: [ImageDigest] = []
    var draftImages: [ImageDigest] = []
    var referenceImages: [ReceivedInlineData]
    var usage: UsageMetadata?

    var json: JSONValue {
        var members: [(String, JSONValue)] = [("index", JSONValue(index)), ("key", JSONValue(key)),
                                              ("outcome", .string(outcome))]
        members.append(("finalImages", .array(finalImages.map(Self.json))))
        members.append(("draftImages", .array(draftImages.map(Self.json))))
        members.append(("referenceImages", .array(referenceImages.map(Self.json))))
        if let usage { members.append(("usageMetadata", usage.json)) }
        return .object(JSONObject(members))
    }

    static func json(_ image: ImageDigest) -> JSONValue {
        .object(JSONObject([("mimeType", .string(image.mimeType)), ("bytes", JSONValue(image.byteCount)),
                            ("sha256", .string(image.sha256)), ("width", JSONValue(image.width)),
                            ("height", JSONValue(image.height))]))
    }

    static func json(_ image: ReceivedInlineData) -> JSONValue {
        .object(JSONObject([("part", JSONValue(image.part)), ("mimeType", .string(image.mimeType)),
                            ("bytes", JSONValue(image.byteCount)), ("sha256", .string(image.sha256))]))
    }
}
