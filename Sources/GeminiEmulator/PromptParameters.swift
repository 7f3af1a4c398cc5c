/// The markers that carry a number, read from a prompt:
/// `[emu:output-lag-N]` (the batch reports SUCCEEDED without output for its first N GETs),
/// `[emu:status-padding-N]` (GETs of the unfinished batch are padded to N bytes),
/// `[emu:image-WxH]` (the final image is a flat-colour PNG of W x H pixels, built without a raster),
/// `[emu:hang-N]` (GETs of the batch are held N milliseconds without an answer, then dropped).
///
/// ```swift
/// PromptParameters(prompt: "x [emu:image-16384x16384]").imageDimensions  // (16384, 16384)
/// ```
public struct PromptParameters: Sendable, Equatable {
    public var outputLagPolls: Int?
    public var statusPaddingBytes: Int?
    public var imageWidth: Int?
    public var imageHeight: Int?
    public var hangMilliseconds: Int?

    /// The widest PNG side the flat-image encoder accepts (PNG allows more; this keeps a typo cheap).
    public static let maximumFlatSide = 65_535

    public var imageDimensions: (width: Int, height: Int)? {
        guard let imageWidth, let imageHeight else { return nil }
        return (imageWidth, imageHeight)
    }

    public init(prompt: String) {
        for name in ScriptedOutcome.markerNames(in: prompt) {
            if let value = Self.number(after: "output-lag-", in: name) {
                outputLagPolls = max(outputLagPolls ?? 0, value)
            } else if let value = Self.number(after: "status-padding-", in: name) {
                statusPaddingBytes = max(statusPaddingBytes ?? 0, value)
            } else if let value = Self.number(after: "hang-", in: name) {
                hangMilliseconds = max(hangMilliseconds ?? 0, value)
            } else if name.hasPrefix("image-") {
                let sides = name.dropFirst("image-".count).split(separator: "x")
                if sides.count == 2, let width = Int(sides[0]), let height = Int(sides[1]),
                   (1...Self.maximumFlatSide).contains(width), (1...Self.maximumFlatSide).contains(height) {
                    (imageWidth, imageHeight) = (width, height)
                }
            }
        }
    }

    private static func number(after prefix: String, in name: String) -> Int? {
        guard name.hasPrefix(prefix), let value = Int(name.dropFirst(prefix.count)), value >= 0 else { return nil }
        return value
    }
}
